import Glibc
import TallyCore

/// The time of day, for a live console and its monitors (the core never reads a clock).
public enum WallClock {
    public static func now() -> Instant {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Instant(millisecondsSinceEpoch: Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000)
    }
}
