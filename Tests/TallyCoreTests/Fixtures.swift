import TallyCore

/// Small builders for envelopes, so that each test reads as the story it tells.
enum Fixture {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00.000Z")!

    static func envelope(_ event: BusEvent, at seconds: Double = 0, seq: UInt64 = 1) -> Envelope {
        Envelope(seq: seq, timestamp: t0.adding(seconds: seconds), source: "test", event: event)
    }

    static func schedule(_ id: EventID, title: String = "Japan v Korea") -> BusEvent {
        .eventScheduled(LiveEventScheduled(
            eventId: id, title: title, venue: "Tokyo Dome", tier: .bigBet,
            start: t0, end: t0.adding(seconds: 3 * 3600),
            feeds: [
                FeedDescriptor(feedId: "\(id)-primary", role: .primary, path: "fibre"),
                FeedDescriptor(feedId: "\(id)-backup", role: .backup, path: "satellite"),
            ]))
    }

    static func viewers(_ id: EventID, _ concurrent: Int) -> BusEvent {
        .viewers(ViewerSample(eventId: id, concurrent: concurrent))
    }

    static func raise(_ key: String, _ severity: Severity = .critical, summary: String = "primary: no new segment") -> BusEvent {
        .alertRaised(AlertRaised(dedupKey: key, severity: severity, summary: summary, source: "hls-monitor",
                                 labels: ["event": "wbc-1", "feed": "wbc-1-primary"]))
    }

    static func action(_ kind: ActionKind, alert: AlertID, by actor: String = "maria", comment: String? = nil) -> BusEvent {
        .operatorAction(OperatorAction(alertId: alert, action: kind, actor: actor, channel: "key", comment: comment))
    }

    /// Rules under which a cleared source resolves its alert at once (no hold-down).
    static let clearAtOnce = AlertRules(holdDownSeconds: 0)

    /// The state after applying `events` one second apart.
    static func state(after events: [BusEvent], rules: AlertRules = .standard) -> ConsoleState {
        var state = ConsoleState(rules: rules)
        for (index, event) in events.enumerated() {
            state.apply(envelope(event, at: Double(index), seq: UInt64(index + 1)))
        }
        return state
    }
}
