import TallyCore

/// Plays a recording against wall time: hands out the envelopes that are due, with pause,
/// speeds from 1× to 64× and a jump to the next alert. The terminal loop publishes what it
/// hands out onto the bus, so a replay reaches the console exactly as live events would.
public struct RecordingPlayer: Sendable {
    /// The speeds `faster()` and `slower()` step through.
    public static let speeds: [Double] = [1, 2, 4, 8, 16, 32, 64]

    public let envelopes: [Envelope]
    public let start: Instant
    public let end: Instant
    public private(set) var clock: ReplayClock
    /// Index of the next envelope to hand out.
    public private(set) var cursor = 0

    public init(recording: Recording, speed: Double = 1, paused: Bool = false, atWall wall: Double) {
        self.envelopes = recording.envelopes
        self.start = recording.start
        self.end = recording.end
        self.clock = ReplayClock(start: recording.start, atWall: wall, speed: speed, paused: paused)
    }

    public var isFinished: Bool { cursor >= envelopes.count }
    public var speed: Double { clock.speed }
    public var isPaused: Bool { clock.isPaused }

    /// The recording time to show at wall time `wall`, never past the end of the recording.
    public func now(atWall wall: Double) -> Instant {
        min(clock.recordingTime(atWall: wall), end)
    }

    /// The envelopes due by wall time `wall`, in order; each is handed out once.
    public mutating func takeDue(atWall wall: Double) -> ArraySlice<Envelope> {
        let now = clock.recordingTime(atWall: wall)
        let first = cursor
        while cursor < envelopes.count, envelopes[cursor].timestamp <= now { cursor += 1 }
        return envelopes[first..<cursor]
    }

    /// Wall seconds until the next envelope is due; nil when paused or finished.
    public func secondsUntilNextDue(atWall wall: Double) -> Double? {
        guard cursor < envelopes.count else { return nil }
        return clock.wallSeconds(until: envelopes[cursor].timestamp, fromWall: wall)
    }

    /// Moves the clock to the next alert to be raised and hands out everything up to and
    /// including it; empty when no alert is left.
    public mutating func skipToNextAlert(atWall wall: Double) -> ArraySlice<Envelope> {
        guard let index = envelopes[cursor...].firstIndex(where: {
            if case .alertRaised = $0.event { true } else { false }
        }) else { return [] }
        clock.jump(to: envelopes[index].timestamp, atWall: wall)
        let first = cursor
        cursor = index + 1
        return envelopes[first..<cursor]
    }

    public mutating func togglePause(atWall wall: Double) {
        clock.setPaused(!clock.isPaused, atWall: wall)
    }

    /// The next speed up the ladder, up to 64×.
    public mutating func faster(atWall wall: Double) {
        let next = Self.speeds.first { $0 > clock.speed } ?? Self.speeds[Self.speeds.count - 1]
        clock.setSpeed(next, atWall: wall)
    }

    /// The next speed down the ladder, down to 1×.
    public mutating func slower(atWall wall: Double) {
        let next = Self.speeds.last { $0 < clock.speed } ?? Self.speeds[0]
        clock.setSpeed(next, atWall: wall)
    }
}
