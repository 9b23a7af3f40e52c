import TallyCore

/// What the hub's server needs of the hub proper (state, store, scheduler, monitors): it runs
/// on the server's one event loop, one turn per wake-up, so state is touched by one thread only.
public protocol HubCore: AnyObject {
    /// Starts what feeds the core (the schedule, the monitors), once the server listens.
    func start()
    /// Applies what is due (schedule, timers) and what the bus delivered, storing it first;
    /// returns the envelopes applied, in order, for the server to send to every console.
    func turn() -> [Envelope]
    /// The state after the last turn, sent to a console as its snapshot.
    var state: ConsoleState { get }
    /// True once after a turn that replaced the state rather than advanced it (a site rejoined
    /// its room): every console then gets a fresh snapshot.
    func takeStateReplaced() -> Bool
    /// The hub's clock.
    func now() -> Instant
    /// Seconds until a turn is due with nothing arriving; nil when nothing is scheduled.
    func secondsUntilDue() -> Double?
    /// An operator's action from a console, attributed to the connection's operator: published
    /// unless its idempotency key was seen before (false then).
    func submit(_ event: BusEvent, key: String, connection: String) -> Bool
    /// A bus event from an ingest client or the webhook, checked already.
    func ingest(_ event: BusEvent, source: String)
    /// Reads the configuration again (SIGHUP or SIGUSR1 asked), at the next turn.
    func reload()
    /// The last turn is over: flushes what is kept (the recording) and closes the store.
    func close()
    /// The room shared with other sites, as the consoles' headers show it; nil for a hub on its own.
    var room: HubMessage.Tick.Room? { get }
    /// How the hub proper is doing, for `GET /healthz` and `GET /metrics`.
    var health: HubHealth { get }
    /// Rung from any thread when the core has something for a turn (the bus delivered).
    var wakeup: HubWakeup { get }
}

extension HubCore {
    public var room: HubMessage.Tick.Room? { nil }
    public func takeStateReplaced() -> Bool { false }
}
