import TallyCore

/// Plays a recording against wall time: hands out the envelopes that are due, with pause,
/// single steps, speeds from 0.25× to 256×, seeks to any moment and jumps to the next or
/// previous alert. The terminal loop publishes what it hands out onto the bus, so a replay
/// reaches the console exactly as live events would; a seek hands back the state at the
/// moment sought, which replaces the console's.
public struct RecordingPlayer {
    /// The speeds `faster()` and `slower()` step through.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256]
    /// The most envelopes handed out at once: a replay that fell far behind (a suspended
    /// laptop) catches up over several turns of the loop instead of freezing it.
    public static let batchLimit = 20_000

    public private(set) var source: any ReplaySource
    public private(set) var clock: ReplayClock

    public init(source: any ReplaySource, speed: Double = 1, paused: Bool = false, atWall wall: Double) {
        self.source = source
        self.clock = ReplayClock(start: source.start, atWall: wall, speed: speed, paused: paused)
    }

    /// A player of a recording held in memory.
    public init(recording: Recording, speed: Double = 1, paused: Bool = false, atWall wall: Double) {
        self.init(source: MemorySource(recording: recording), speed: speed, paused: paused, atWall: wall)
    }

    public var start: Instant { source.start }
    public var end: Instant { source.end }
    public var isFinished: Bool { source.nextTimestamp == nil }
    public var speed: Double { clock.speed }
    public var isPaused: Bool { clock.isPaused }

    /// The recording time to show at wall time `wall`, never past the end of the recording.
    public func now(atWall wall: Double) -> Instant {
        min(clock.recordingTime(atWall: wall), end)
    }

    /// The envelopes due by wall time `wall`, in order (at most `batchLimit`); each is handed out once.
    public mutating func takeDue(atWall wall: Double) -> [Envelope] {
        source.take(through: clock.recordingTime(atWall: wall), limit: Self.batchLimit)
    }

    /// Wall seconds until the next envelope is due; nil when paused or finished.
    public func secondsUntilNextDue(atWall wall: Double) -> Double? {
        guard let next = source.nextTimestamp else { return nil }
        return clock.wallSeconds(until: next, fromWall: wall)
    }

    /// What a jump along the recording gives the console.
    public enum Jump {
        /// The envelopes up to the moment jumped to, to publish in order.
        case handOut([Envelope])
        /// The state at the moment jumped to, to replace the console's.
        case restart(ConsoleState)
    }

    /// Moves the clock to the next alert to open, from the envelopes still to come; nil when no
    /// alert is left. An alert at most `limit` envelopes away hands out the envelopes up to it;
    /// a farther one is a seek.
    public mutating func skipToNextAlert(atWall wall: Double, handingOutAtMost limit: Int = batchLimit) throws -> Jump? {
        guard let next = source.nextTimestamp,
              let alert = source.marks.first(where: { $0.isAlert && $0.at >= next }) else { return nil }
        clock.jump(to: alert.at, atWall: wall)
        let batch = source.take(through: alert.at, limit: limit)
        if let after = source.nextTimestamp, after <= alert.at { return .restart(try source.seek(to: alert.at)) }
        return .handOut(batch)
    }

    /// Waits until the whole recording is at hand (see `ReplaySource.finishReading`).
    public mutating func finishReading() {
        source.finishReading()
    }

    public mutating func togglePause(atWall wall: Double) {
        clock.setPaused(!clock.isPaused, atWall: wall)
    }

    /// Hands out the envelopes of the next moment that has any, and moves the clock there
    /// (paused: a single step); empty at the end.
    public mutating func step(atWall wall: Double) -> [Envelope] {
        guard let moment = source.nextTimestamp else { return [] }
        clock.jump(to: moment, atWall: wall)
        return source.take(through: moment, limit: .max)
    }

    /// Moves to `instant` (kept within the recording), forwards or backwards; returns the
    /// console state there, which replaces the console's.
    public mutating func seek(to instant: Instant, atWall wall: Double) throws -> ConsoleState {
        let target = min(max(instant, start), end)
        let state = try source.seek(to: target)
        clock.jump(to: target, atWall: wall)
        return state
    }

    /// The moment the last alert opened before the one shown at `wall`; nil when none did. An
    /// alert that opened in the last two seconds of wall time (at the speed playing) is the one
    /// shown, as just after a jump to it: `[` pressed again goes on to the one before it.
    public func previousAlert(atWall wall: Double) -> Instant? {
        let shown = now(atWall: wall).adding(seconds: -2 * clock.speed)
        return source.marks.last { $0.isAlert && $0.at < shown }?.at
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
