import TallyCore

/// Where a hub listens and how it guards itself.
public struct HubSettings: Sendable {
    /// The Unix domain socket consoles and ingest clients use (mode 0660).
    public var socket: HubAddress?
    /// TCP for consoles elsewhere; only with a token, and with TLS unless on loopback or `allowsPlaintext`.
    public var tcp: HubAddress?
    /// The tokens TCP clients present, each with its role.
    public var tokens = AccessTokens.none
    /// TLS on the TCP listener and the webhook's port.
    public var tls: ServerTLS?
    /// Plaintext TCP on an address that is not loopback, said out loud (`--insecure-plaintext`).
    public var allowsPlaintext = false
    /// Where Alertmanager's webhook posts (`POST /alertmanager`), loopback unless configured.
    public var webhook: HubAddress?
    public var site: String?
    /// A console is behind when this many bytes wait for it and its socket has taken nothing
    /// for `lagSeconds`: its backlog is dropped and it gets a fresh snapshot once it drains.
    public var lagLimitBytes = 1 << 20
    public var lagSeconds = 2.0
    /// Bytes waiting for one console past which it is behind at once, however fast it reads.
    public var backlogCapBytes = 64 << 20
    /// Seconds a new connection has to say hello.
    public var helloTimeoutSeconds = 5.0
    /// Lines a second (and at once) one ingest connection may send.
    public var ingestPerSecond = 500.0
    public var ingestBurst = 2000.0
    /// Operator actions a second (and at once) one console may send.
    public var actionsPerSecond = 20.0
    public var actionBurst = 100.0

    public init(socket: HubAddress?, tcp: HubAddress? = nil, tokens: AccessTokens = .none, webhook: HubAddress? = nil, site: String? = nil) {
        self.socket = socket
        self.tcp = tcp
        self.tokens = tokens
        self.webhook = webhook
        self.site = site
    }
}
