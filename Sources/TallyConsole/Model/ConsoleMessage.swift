import TallyCore
import TallyScreen

/// Everything that can happen to a console, as the runner hands it to `ConsoleModel.update`.
public enum ConsoleMessage {
    /// Envelopes delivered by the bus or the hub, in order.
    case envelopes([Envelope])
    /// The console starts again from a whole state. Neither recorded nor stored: a recording
    /// holds what happened and the store what operators and timers did, while a restart only
    /// moves the console's view of it (a hub's snapshot, a seek, a cut recording's start).
    case restart(ConsoleState, Restart)
    /// A key from the terminal.
    case key(Key)
    /// Wall time passed: the moment shown, and what the terminal can take. Runs the alert
    /// timers (on a console that decides them) and draws the frame when one is due.
    case tick(ConsoleTick)
    /// The terminal is this size now.
    case resize(Size)
    /// A signal arrived (SIGHUP, SIGTERM, SIGINT, SIGUSR1).
    case signal(Int32)
    /// What the replay made of a replay key (a seek's result, a step, a jump, a refusal).
    case replayAnswered(TimelineResponse, to: ConsoleCommand)
    /// The store's answer to a `store` effect: nil when it took the write, else what to show.
    case stored(problem: String?)
    /// The handover file was saved (or why not).
    case handoverSaved(Result<HandoverWritten, HandoverNotSaved>)
    /// A document to show over the panes (a runbook, the last shift's handover).
    case documentOpened(DocumentView)
    /// A line for the footer from the edge (a schedule reloaded, the link, a recording stopped).
    case notice(String)
    /// The last frame waited for the terminal to take its bytes: the link is slow.
    case paintWasSlow

    /// Why the console starts again from a whole state.
    public enum Restart: Sendable {
        case hubSnapshot, seek, cutStart
    }
}

/// Why the handover file could not be saved.
public struct HandoverNotSaved: Error {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// The moment a tick brings.
public struct ConsoleTick {
    /// Monotonic wall seconds, for the frame policy.
    public var wall: Double
    /// The moment shown (the replay's, the hub's, or the time of day).
    public var now: Instant
    public var mode: ConsoleMode
    public var strip: ReplayStrip?
    /// Whether the terminal has stopped taking output.
    public var isOutputBackedUp: Bool

    public init(wall: Double, now: Instant, mode: ConsoleMode, strip: ReplayStrip? = nil, isOutputBackedUp: Bool = false) {
        self.wall = wall
        self.now = now
        self.mode = mode
        self.strip = strip
        self.isOutputBackedUp = isOutputBackedUp
    }
}
