import TallyCore

/// How the console is being fed, for the header.
public enum ConsoleMode: Sendable, Equatable {
    case live
    case demo(speed: Double, isPaused: Bool, isFinished: Bool)

    public var isDemo: Bool {
        if case .demo = self { true } else { false }
    }
}

/// What the screen needs besides the state and the view: the moment shown, who is at the
/// console, and what the terminal can draw.
public struct ScreenContext: Sendable, Equatable {
    public var mode: ConsoleMode
    public var now: Instant
    public var operatorName: String
    public var glyphs: Glyphs
    /// Seconds east of UTC for the local clock in the header.
    public var utcOffsetSeconds: Int
    /// A standing notice, such as lines skipped in a recording.
    public var notice: String?

    public init(mode: ConsoleMode, now: Instant, operatorName: String, glyphs: Glyphs, utcOffsetSeconds: Int = 0, notice: String? = nil) {
        self.mode = mode
        self.now = now
        self.operatorName = operatorName
        self.glyphs = glyphs
        self.utcOffsetSeconds = utcOffsetSeconds
        self.notice = notice
    }
}
