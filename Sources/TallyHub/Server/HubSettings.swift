
/// Where a hub listens and how it guards itself.
public struct HubSettings: Sendable {
    /// The Unix domain socket consoles and ingest clients use (mode 0660).
    public var socket: HubAddress?
    /// TCP for consoles elsewhere; only with a token.
    public var tcp: HubAddress?
    public var token: AccessToken?
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

    public init(socket: HubAddress?, tcp: HubAddress? = nil, token: AccessToken? = nil, webhook: HubAddress? = nil, site: String? = nil) {
        self.socket = socket
        self.tcp = tcp
        self.token = token
        self.webhook = webhook
        self.site = site
    }
}
