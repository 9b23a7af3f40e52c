/// Something a person did to an alert (acknowledge, escalate, …), from a console key or an API.
public struct OperatorAction: Codable, Sendable, Equatable {
    public var alertId: AlertID
    public var action: ActionKind
    public var actor: String
    public var channel: String
    public var comment: String?
    public var until: Instant?

    enum CodingKeys: String, CodingKey {
        case alertId = "alert_id"
        case action
        case actor
        case channel
        case comment
        case until
    }

    public init(
        alertId: AlertID, action: ActionKind, actor: String, channel: String,
        comment: String? = nil, until: Instant? = nil
    ) {
        self.alertId = alertId
        self.action = action
        self.actor = actor
        self.channel = channel
        self.comment = comment
        self.until = until
    }
}
