/// A configured way of telling people about alerts: a PagerDuty Events API v2 webhook, or a
/// program given the alert as JSON on its standard input (never through a shell).
public struct NotifierSettings: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        /// POSTs Events API v2 bodies to `url` with `routingKey`.
        case pagerDuty(url: String, routingKey: String)
        /// Runs `arguments[0]` with the rest as its arguments.
        case command(arguments: [String])
    }

    public var name: String
    public var kind: Kind
    /// Only notifications for these targets (all when empty).
    public var targets: [String]
    public var timeoutSeconds: Double
    /// Attempts after the first, each after a doubling backoff.
    public var retries: Int
    public var backoffSeconds: Double
    /// Failed notifications in a row after which the notifier raises its own alert.
    public var failuresBeforeAlert: Int

    public init(name: String, kind: Kind, targets: [String] = [], timeoutSeconds: Double = 5, retries: Int = 3,
                backoffSeconds: Double = 1, failuresBeforeAlert: Int = 3) {
        self.name = name
        self.kind = kind
        self.targets = targets
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.backoffSeconds = backoffSeconds
        self.failuresBeforeAlert = failuresBeforeAlert
    }

    /// Whether this notifier takes a notification for `targets`.
    public func accepts(_ targets: [String]) -> Bool {
        self.targets.isEmpty || !Set(self.targets).isDisjoint(with: targets)
    }
}
