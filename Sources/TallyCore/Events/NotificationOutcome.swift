/// What became of one attempt to tell someone about an alert (`alert.notified`), for the audit log.
public struct NotificationOutcome: Codable, Sendable, Equatable {
    public var alertId: AlertID
    public var dedupKey: String
    public var notifier: String
    public var action: AlertNotification.Action
    public var level: Int
    public var attempt: Int
    public var delivered: Bool
    /// `HTTP 202`, `HTTP 500`, `timed out after 5.0 s`, `exit 0`, …
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case alertId = "alert_id"
        case dedupKey = "dedup_key"
        case notifier
        case action
        case level
        case attempt
        case delivered
        case detail
    }

    public init(
        alertId: AlertID, dedupKey: String, notifier: String, action: AlertNotification.Action,
        level: Int, attempt: Int, delivered: Bool, detail: String
    ) {
        self.alertId = alertId
        self.dedupKey = dedupKey
        self.notifier = notifier
        self.action = action
        self.level = level
        self.attempt = attempt
        self.delivered = delivered
        self.detail = detail
    }
}
