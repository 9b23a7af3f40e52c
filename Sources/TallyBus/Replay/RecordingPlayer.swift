import TallyCore

/// Plays a recording against wall time: hands out the envelopes that are due, with pause,
/// single steps, speeds from 0.25× to 256×, seeks to any moment and jumps to the next or
/// previous alert. The terminal loop publishes what it hands out onto the bus, so a replay
/// reaches the console exactly as live events would; a seek hands back the state at the
/// moment sought, from a `SeekIndex` built on the first seek.
public struct RecordingPlayer: Sendable {
    /// The speeds `faster()` and `slower()` step through.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256]

    public let recording: Recording
    public var envelopes: [Envelope] { recording.envelopes }
    public let start: Instant
    public let end: Instant
    public private(set) var clock: ReplayClock
    /// Index of the next envelope to hand out.
    public private(set) var cursor = 0

    private var index: SeekIndex?

    public init(recording: Recording, speed: Double = 1, paused: Bool = false, atWall wall: Double) {
        self.recording = recording
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

    /// Hands out the envelopes of the next moment that has any, and moves the clock there
    /// (paused: a single step); empty at the end.
    public mutating func step(atWall wall: Double) -> ArraySlice<Envelope> {
        guard cursor < envelopes.count else { return [] }
        let moment = envelopes[cursor].timestamp
        clock.jump(to: moment, atWall: wall)
        let first = cursor
        while cursor < envelopes.count, envelopes[cursor].timestamp <= moment { cursor += 1 }
        return envelopes[first..<cursor]
    }

    /// Moves to `instant` (kept within the recording), forwards or backwards; returns the
    /// console state there, which replaces the console's.
    public mutating func seek(to instant: Instant, atWall wall: Double) -> ConsoleState {
        let target = min(max(instant, start), end)
        if index == nil { index = SeekIndex(recording: recording) }
        let (state, next) = index!.state(at: target, in: envelopes)
        cursor = next
        clock.jump(to: target, atWall: wall)
        return state
    }

    /// The moment of the last alert raised before the one shown at `wall`; nil when none is.
    public func previousAlert(atWall wall: Double) -> Instant? {
        let now = now(atWall: wall)
        let before = envelopes[..<cursor].last { envelope in
            if case .alertRaised = envelope.event { envelope.timestamp < now } else { false }
        }
        return before?.timestamp
    }

    /// The next speed up the ladder, up to 256×.
    public mutating func faster(atWall wall: Double) {
        let next = Self.speeds.first { $0 > clock.speed } ?? Self.speeds[Self.speeds.count - 1]
        clock.setSpeed(next, atWall: wall)
    }

    /// The next speed down the ladder, down to 0.25×.
    public mutating func slower(atWall wall: Double) {
        let next = Self.speeds.last { $0 < clock.speed } ?? Self.speeds[0]
        clock.setSpeed(next, atWall: wall)
    }
}
