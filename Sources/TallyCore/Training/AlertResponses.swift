/// What people did about each alert of a session: replays its envelopes and reads the audit
/// lines they cause. An alert is known by its dedup key and the moment it opened, so that a
/// trainee's session and the recorded one can be set side by side.
public struct AlertResponse: Sendable, Equatable {
    public var dedupKey: String
    public var summary: String
    public var severity: Severity
    public var raisedAt: Instant
    /// When a person first acknowledged it, and who.
    public var acknowledgedAt: Instant?
    public var acknowledgedBy: String?
    /// Escalations a person asked for (the engine's own are not counted).
    public var escalations = 0
    /// When a person resolved it by hand.
    public var resolvedByHandAt: Instant?

    /// Seconds from raised to acknowledged.
    public var timeToAcknowledge: Double? { acknowledgedAt.map { $0.seconds(since: raisedAt) } }

    /// Whether a person acknowledged or resolved it.
    public var wasAnswered: Bool { acknowledgedAt != nil || resolvedByHandAt != nil }

    /// The responses to every alert opened by `envelopes` (applied on top of `state`) up to and
    /// including `end`, in the order they opened.
    public static func of(_ envelopes: some Sequence<Envelope>, from state: ConsoleState, until end: Instant) -> [AlertResponse] {
        var state = state
        var responses: [AlertID: AlertResponse] = [:]
        var order: [AlertID] = []
        for envelope in envelopes {
            guard envelope.timestamp <= end else { break }
            for record in state.apply(envelope).records {
                guard let id = record.alertId else { continue }
                let isPerson = record.actor != AlertEngine.engineActor
                switch record.action {
                case .raised:
                    guard let alert = state.alerts[id] else { continue }
                    order.append(id)
                    responses[id] = AlertResponse(dedupKey: alert.raised.dedupKey, summary: alert.raised.summary,
                                                  severity: alert.raised.severity, raisedAt: record.at)
                case .acknowledged where isPerson && responses[id]?.acknowledgedAt == nil:
                    responses[id]?.acknowledgedAt = record.at
                    responses[id]?.acknowledgedBy = record.actor
                case .escalated where isPerson:
                    responses[id]?.escalations += 1
                case .resolved where isPerson && responses[id]?.resolvedByHandAt == nil:
                    responses[id]?.resolvedByHandAt = record.at
                default:
                    continue
                }
            }
        }
        return order.compactMap { responses[$0] }
    }
}
