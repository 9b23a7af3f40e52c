import TallyCore

/// Maps wall time (monotonic seconds) to recording time, at a speed, with pause and jumps.
public struct ReplayClock: Sendable, Equatable {
    public private(set) var speed: Double
    public private(set) var isPaused: Bool
    private var anchorRecording: Instant
    private var anchorWall: Double

    /// A clock showing `start` at wall time `wall`.
    public init(start: Instant, atWall wall: Double, speed: Double = 1, paused: Bool = false) {
        precondition(speed > 0)
        self.speed = speed
        self.isPaused = paused
        self.anchorRecording = start
        self.anchorWall = wall
    }

    /// The recording time shown at wall time `wall`.
    public func recordingTime(atWall wall: Double) -> Instant {
        isPaused ? anchorRecording : anchorRecording.adding(seconds: (wall - anchorWall) * speed)
    }

    /// Wall seconds from `wall` until the clock shows `instant`; nil while paused.
    public func wallSeconds(until instant: Instant, fromWall wall: Double) -> Double? {
        guard !isPaused else { return nil }
        return max(0, instant.seconds(since: recordingTime(atWall: wall)) / speed)
    }

    public mutating func setSpeed(_ newSpeed: Double, atWall wall: Double) {
        precondition(newSpeed > 0)
        reanchor(atWall: wall)
        speed = newSpeed
    }

    public mutating func setPaused(_ paused: Bool, atWall wall: Double) {
        reanchor(atWall: wall)
        isPaused = paused
    }

    /// Shows `instant` from wall time `wall` on.
    public mutating func jump(to instant: Instant, atWall wall: Double) {
        anchorRecording = instant
        anchorWall = wall
    }

    private mutating func reanchor(atWall wall: Double) {
        anchorRecording = recordingTime(atWall: wall)
        anchorWall = wall
    }
}
