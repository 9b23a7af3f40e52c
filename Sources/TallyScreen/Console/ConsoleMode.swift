import TallyCore

/// How the console is being fed, for the header.
public enum ConsoleMode: Sendable, Equatable {
    case live
    case demo(speed: Double, isPaused: Bool, isFinished: Bool)
    /// A console attached to a hub (`tally attach`).
    case attached(AttachedLink)

    public var isDemo: Bool {
        if case .demo = self { true } else { false }
    }
}

/// An attached console's link to its hub, as the header shows it.
public struct AttachedLink: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case connected
        /// Lost; the next attempt in this many whole seconds.
        case reconnecting(inSeconds: Int)
        /// The hub said no; the reason.
        case refused(String)
    }

    public var state: State
    /// Input the hub refused since it started (ingest lines, webhook bodies).
    public var rejected: Int
    /// The link is plaintext TCP: the token and every alert travel in clear, and the header says so.
    public var isPlaintext: Bool
    /// The hub lets this console only show (a viewer's token): the header says so.
    public var isReadOnly: Bool
    /// The room the hub shares with other sites, when it does.
    public var room: RoomLine?

    public init(state: State, rejected: Int = 0, isPlaintext: Bool = false, isReadOnly: Bool = false, room: RoomLine? = nil) {
        self.state = state
        self.rejected = rejected
        self.isPlaintext = isPlaintext
        self.isReadOnly = isReadOnly
        self.room = room
    }
}

/// A shared room's sites as the header shows them: `los-gatos ● los-angeles ● tokyo ○ 40s · decides los-gatos`.
public struct RoomLine: Sendable, Equatable {
    /// Each site, and the whole seconds since its hub was last heard from.
    public var sites: [Site]
    /// The site whose hub decides timers and pages; none while the lease changes hands.
    public var decides: String?
    /// Whether the hub reaches the room's database now, and what of its site waits for it.
    public var isLinked: Bool
    public var queued: Int
    /// Of what waits, the operators' actions.
    public var queuedActions: Int
    /// Seconds since the hub's site was cut off from the room; nil while linked or joining.
    public var isolatedSeconds: Int?

    /// A site not heard from for longer than this shows as gone, with the time since.
    public static let heardWithinSeconds = 10

    public struct Site: Sendable, Equatable {
        public var name: String
        public var heard: Int
    }

    public init(sites: [(name: String, heard: Int)], decides: String?, isLinked: Bool = true, queued: Int = 0,
                queuedActions: Int = 0, isolatedSeconds: Int? = nil) {
        self.sites = sites.map { Site(name: $0.name, heard: $0.heard) }
        self.decides = decides
        self.isLinked = isLinked
        self.queued = queued
        self.queuedActions = queuedActions
        self.isolatedSeconds = isolatedSeconds
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
    /// Frames are being held back because the terminal's output is backing up (a slow link).
    public var isOutputSlow = false
    /// A replay's strip: the recording's span, the present, alerts and phase changes.
    public var strip: ReplayStrip?
    /// The key table, for the footer's hints and the `?` list.
    public var bindings = KeyBindings.standard
    /// How many colours the terminal shows (0, 8, 16 or 256), for pictures drawn in cells.
    public var colors = 256

    public init(mode: ConsoleMode, now: Instant, operatorName: String, glyphs: Glyphs, utcOffsetSeconds: Int = 0, notice: String? = nil,
                isOutputSlow: Bool = false, strip: ReplayStrip? = nil, bindings: KeyBindings = .standard, colors: Int = 256) {
        self.bindings = bindings
        self.colors = colors
        self.isOutputSlow = isOutputSlow
        self.strip = strip
        self.mode = mode
        self.now = now
        self.operatorName = operatorName
        self.glyphs = glyphs
        self.utcOffsetSeconds = utcOffsetSeconds
        self.notice = notice
    }
}
