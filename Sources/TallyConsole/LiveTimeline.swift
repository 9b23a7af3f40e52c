import TallyCore
import TallyScreen

/// The live day: the time of day, and the scheduler's work (`Scheduler`) as it falls due.
/// Replay keys do nothing here.
struct LiveTimeline: SessionTimeline {
    private let clock: () -> Instant
    private(set) var scheduler: Scheduler

    init(events: [LiveEventScheduled], clock: @escaping () -> Instant = WallClock.now) {
        self.scheduler = Scheduler(events: events)
        self.clock = clock
    }

    func now(atWall wall: Double) -> Instant { clock() }

    func mode(atWall wall: Double) -> ConsoleMode { .live }

    mutating func takeDue(atWall wall: Double, state: ConsoleState) -> [Envelope] {
        let now = clock()
        return scheduler.due(at: now, state: state).map { Envelope(seq: 0, timestamp: now, source: "scheduler", event: $0) }
    }

    func secondsUntilNextDue(atWall wall: Double) -> Double? {
        let now = clock()
        return scheduler.nextWake(after: now).map { max(0, $0.seconds(since: now)) }
    }

    func secondsUntilNextSecond(atWall wall: Double) -> Double? {
        Double(1000 - clock().millisecondsSinceEpoch % 1000) / 1000
    }

    mutating func control(_ command: ConsoleCommand, atWall wall: Double) -> [Envelope] { [] }
}
