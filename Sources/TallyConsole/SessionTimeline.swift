import TallyLive
import TallyCore
import TallyScreen

/// What a console session plays, and the moment it shows: a recording against wall time
/// (`ReplayTimeline`), or the live day (`LiveTimeline`). Wall times are monotonic seconds.
protocol SessionTimeline {
    /// The moment shown at `wall`.
    func now(atWall wall: Double) -> Instant
    /// How the console is fed, for the header and the keys.
    func mode(atWall wall: Double) -> ConsoleMode
    /// The envelopes due by `wall`, to publish on the bus; each is handed out once. `state` is
    /// the console's, for a scheduler that acts on what operators did (checklist deadlines).
    mutating func takeDue(atWall wall: Double, state: ConsoleState) -> [Envelope]
    /// Wall seconds until the next envelope is due; nil when none is.
    func secondsUntilNextDue(atWall wall: Double) -> Double?
    /// Wall seconds until the shown clock reaches its next whole second; nil while it stands still.
    func secondsUntilNextSecond(atWall wall: Double) -> Double?
    /// Answers a replay key (pause, speed, step, seek, next or previous alert).
    mutating func control(_ command: ConsoleCommand, atWall wall: Double) -> TimelineResponse
    /// Reads the schedule again at the next look (SIGUSR1).
    mutating func requestReload()
    /// A one-line notice for the footer (a schedule reloaded, or refused), once.
    mutating func takeMessage() -> String?
    /// A replay's strip for the screen; nil for a live console.
    var strip: ReplayStrip? { get }
}

/// What a replay key did to the timeline, for the console to follow.
public enum TimelineResponse {
    case none
    /// Envelopes to publish at once (a step, a jump to an alert).
    case publish([Envelope])
    /// The console starts again from this state (a seek).
    case restart(ConsoleState)
    /// Why the key could not be done, for the footer.
    case refused(String)
}

extension SessionTimeline {
    var strip: ReplayStrip? { nil }
    mutating func control(_ command: ConsoleCommand, atWall wall: Double) -> TimelineResponse { .none }
    mutating func requestReload() {}
    mutating func takeMessage() -> String? { nil }
}
