/// A request to tell people about an alert: its level's targets when it is reached, and the
/// same receivers when it is acknowledged or resolved (PagerDuty's trigger, acknowledge, resolve).
public struct AlertNotification: Sendable, Equatable {
    public enum Action: String, Codable, Sendable {
        case trigger, acknowledge, resolve
    }

    public var action: Action
    public var alertId: AlertID
    public var raised: AlertRaised
    public var level: Int
    public var round: Int
    public var targets: [String]
    public var policy: String
    public var policyVersion: Int
    public var at: Instant
    /// The site that raised the alert, when the room has several.
    public var site: String?

    public init(action: Action, alert: Alert, targets: [String], at instant: Instant) {
        self.action = action
        self.alertId = alert.id
        self.raised = alert.raised
        self.level = alert.escalation.level
        self.round = alert.escalation.round
        self.targets = targets
        self.policy = alert.escalation.policy.name
        self.policyVersion = alert.escalation.policy.version
        self.at = instant
        self.site = alert.site
    }
}
