/// Something a person did to an alert (acknowledge, escalate, …), from a console key or an API.
public struct OperatorAction: Codable, Sendable, Equatable {
    public var alertId: AlertID
    /// When set, the action is for the open alert with this dedup key, whatever its number
    /// (tools outside the console, and recordings, know keys rather than numbers).
    public var dedupKey: String?
    public var action: ActionKind
    public var actor: String
    public var channel: String
    public var comment: String?
    public var until: Instant?

    enum CodingKeys: String, CodingKey {
        case alertId = "alert_id"
        case dedupKey = "dedup_key"
        case action
        case actor
        case channel
        case comment
        case until
    }

    public init(
        alertId: AlertID, dedupKey: String? = nil, action: ActionKind, actor: String, channel: String,
        comment: String? = nil, until: Instant? = nil
    ) {
        self.alertId = alertId
        self.dedupKey = dedupKey
        self.action = action
        self.actor = actor
        self.channel = channel
        self.comment = comment
        self.until = until
    }
}
