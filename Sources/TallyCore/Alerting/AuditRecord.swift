/// One line of the append-only audit trail: what happened to an alert or a silence, when, by
/// whom and through what, with the state before and after. Sequence numbers strictly increase.
public struct AuditRecord: Sendable, Equatable, Codable {
    public var seq: Int64
    public var at: Instant
    public var action: AuditAction
    public var alertId: AlertID?
    public var dedupKey: String?
    public var silenceId: SilenceID?
    public var stateBefore: AlertState?
    public var stateAfter: AlertState?
    /// A person, or `tally` for what the engine did on its own.
    public var actor: String
    /// How it came: `key:console-…` (with `ssh:…` when remote), `timeout`, `source`, a notifier.
    public var channel: String
    /// The site where it happened (the deciding site for what the engine did), when the room names one.
    public var site: String?
    public var note: String?
    public var level: Int?
    public var round: Int?
    public var policy: String?
    public var policyVersion: Int?
    /// When an acknowledgement or a silence runs out.
    public var expiresAt: Instant?
    /// For a checklist line: the event, the rundown step and the item.
    public var eventId: EventID?
    public var step: String?
    public var item: String?
    /// More about it: a notification attempt's result (`trigger attempt 1: delivered, HTTP 202`),
    /// or a silence's matchers.
    public var detail: String?

    enum CodingKeys: String, CodingKey {
        case seq, at, action
        case alertId = "alert_id"
        case dedupKey = "dedup_key"
        case silenceId = "silence_id"
        case stateBefore = "state_before"
        case stateAfter = "state_after"
        case actor, channel, site, note, level, round, policy
        case policyVersion = "policy_version"
        case expiresAt = "expires_at"
        case detail
        case eventId = "event_id"
        case step, item
    }

    public init(seq: Int64 = 0, at: Instant, action: AuditAction, actor: String, channel: String) {
        self.seq = seq
        self.at = at
        self.action = action
        self.actor = actor
        self.channel = channel
    }
}

/// What an audit line records.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case raised, recurred, acknowledged, unacknowledged, escalated, acknowledgementExpired = "ack-expired"
    case exhausted, clearing, resolved, flapping, stable, silenced, unsilenced, inhibited, released
    case noted, silenceCreated = "silence-created", silenceExpired = "silence-expired", notified
    /// A level's targets were told of the alert: the detail names them, each rotation with who held it then.
    case paged
    case checklistTicked = "checklist-ticked", checklistUnticked = "checklist-unticked"
    /// A stored alert or silence that could not be read was set aside, with the reason.
    case quarantined
}
