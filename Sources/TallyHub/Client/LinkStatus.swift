import TallyCore

/// How an attached console's link to its hub stands, for the header.
public struct LinkStatus: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case connected
        /// Lost; the next attempt is due at `retryAt` (monotonic seconds).
        case reconnecting(attempt: Int, retryAt: Double, reason: String)
        /// The hub said no (a wrong token, another protocol version); no more attempts.
        case refused(reason: String)
    }

    /// How the link is carried: a local socket, TLS, or plaintext TCP (the header says so).
    public enum Security: Sendable, Equatable {
        case local, tls, plaintext
    }

    public var state: State
    public var security = Security.local
    /// What the hub lets this console do (a viewer's token only shows).
    public var role = AccessRole.operator
    /// The hub, as the operator named it.
    public var hub: String
    /// The connection as the hub names it in the audit trail.
    public var connection: String?
    /// The operator the hub takes this console to be.
    public var operatorName: String?
    /// The hub's clock at its last tick, and when (monotonic seconds) the tick came.
    public var hubTime: Instant?
    public var hubTimeAt: Double?
    /// Input the hub has refused since it started (ingest lines, webhook bodies).
    public var rejected = 0
    /// Consoles attached to the hub.
    public var consoles = 0
    /// The room the hub shares with other sites, at its last tick.
    public var room: HubMessage.Tick.Room?

    public init(state: State, hub: String) {
        self.state = state
        self.hub = hub
    }
}
