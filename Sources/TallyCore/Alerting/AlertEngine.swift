/// The alert engine: what sources report and what operators do, turned into alerts that
/// escalate, acknowledge, resolve, flap, group, get silenced and muted (PagerDuty's lifecycle
/// with Alertmanager's silences and inhibitions). Pure: time comes with each input, and each
/// input returns the audit lines and notifications it caused.
public struct AlertEngine: Sendable, Equatable, Codable {
    /// The actor named in the audit log for what the engine did on its own.
    public static let engineActor = "tally"
    /// How long a resolved alert is kept in memory (the store keeps it for good).
    public static let resolvedRetentionSeconds = 15.0 * 60

    public var rules: AlertRules
    public internal(set) var alerts: [AlertID: Alert] = [:]
    /// Open alerts by dedup key.
    public internal(set) var openByKey: [String: AlertID] = [:]
    public internal(set) var silences: [SilenceID: Silence] = [:]
    public internal(set) var nextAlertID: AlertID = 1
    public internal(set) var nextSilenceID: SilenceID = 1
    public internal(set) var nextAuditSeq: Int64 = 1
    /// The latest time the engine has seen.
    public internal(set) var now: Instant?

    /// Recent source transitions (firing ↔ clear) of each dedup key, for flapping.
    var transitions: [String: [Instant]] = [:]
    /// Open alerts that match an inhibition rule's source, by rule and pairing labels.
    var inhibitors: [InhibitorKey: Set<AlertID>] = [:]
    var deadlines = DeadlineQueue()
    /// Resolved alerts in the order they resolved, to drop them after the retention.
    var resolvedOrder: [ResolvedEntry] = []

    struct InhibitorKey: Hashable, Sendable, Codable {
        var rule: Int
        var values: [String]
    }

    struct ResolvedEntry: Equatable, Sendable, Codable {
        var at: Instant
        var id: AlertID
    }

    public init(rules: AlertRules = .standard) {
        self.rules = rules
    }

    /// The earliest moment a timer (escalation, acknowledgement, hold-down, flapping review,
    /// silence end) needs `advance(to:)`.
    public mutating func nextDeadline() -> Instant? {
        let silenceEnd = silences.values.filter { $0.expiredAt == nil }.map(\.endsAt).min()
        switch (deadlines.peek()?.deadline, silenceEnd) {
        case let (alert?, silence?): return min(alert, silence)
        case let (alert, silence): return alert ?? silence
        }
    }

    /// A source reports a problem. A repeat of an open key counts and pages nobody; otherwise
    /// a new alert opens under the policy its labels choose (raised at `site`, when the room has
    /// several), and level 1 is told unless held.
    public mutating func raise(_ raised: AlertRaised, at instant: Instant, site: String? = nil) -> AlertingOutcome {
        var out = advance(to: instant)
        if let id = openByKey[raised.dedupKey], var alert = alerts[id] {
            let wasHeld = alert.isHeld
            alert.count += 1
            alert.lastSeenAt = instant
            alert.raised.summary = raised.summary
            alert.raised.severity = max(alert.raised.severity, raised.severity)
            if alert.clearingSince != nil {
                alert.clearingSince = nil
                noteTransition(of: raised.dedupKey, at: instant)
                append(entry(.recurred, alert, before: alert.state, at: instant, channel: "source"), to: &out)
            }
            commit(alert, wasHeld: wasHeld, at: instant, into: &out)
        } else {
            open(raised, at: instant, site: site, into: &out)
        }
        return out
    }

    /// A source says the condition is over: the alert resolves once the source stays clear
    /// for the hold-down (and is not flapping).
    public mutating func clear(_ cleared: AlertCleared, at instant: Instant) -> AlertingOutcome {
        var out = advance(to: instant)
        guard let id = openByKey[cleared.dedupKey], var alert = alerts[id], alert.clearingSince == nil else { return out }
        let wasHeld = alert.isHeld
        noteTransition(of: cleared.dedupKey, at: instant)
        if rules.holdDownSeconds <= 0 {
            resolve(&alert, at: instant, actor: Self.engineActor, channel: "source", note: cleared.summary, into: &out)
        } else {
            alert.clearingSince = instant
            var record = entry(.clearing, alert, before: alert.state, at: instant, channel: "source")
            record.note = cleared.summary
            record.expiresAt = instant.adding(seconds: rules.holdDownSeconds)
            append(record, to: &out)
        }
        commit(alert, wasHeld: wasHeld, at: instant, into: &out)
        return out
    }

    /// Open alerts grouped by the `groupBy` labels (an event's alerts fold under the event).
    public var groups: [[String]: [AlertID]] {
        var groups: [[String]: [AlertID]] = [:]
        for alert in alerts.values where alert.isOpen {
            groups[groupKey(of: alert), default: []].append(alert.id)
        }
        return groups
    }

    /// The values of the `groupBy` labels for `alert` (empty strings where missing).
    public func groupKey(of alert: Alert) -> [String] {
        rules.groupBy.map { alert.raised.labels[$0] ?? "" }
    }

    private mutating func open(_ raised: AlertRaised, at instant: Instant, site: String?, into out: inout AlertingOutcome) {
        let labels = Alert.matchLabels(of: raised)
        let (escalation, _) = Escalation.trigger(policy: rules.policy(for: labels), at: instant)
        var alert = Alert(id: nextAlertID, raised: raised, escalation: escalation, at: instant)
        alert.site = site
        nextAlertID += 1
        openByKey[raised.dedupKey] = alert.id
        if transitions[raised.dedupKey] != nil { noteTransition(of: raised.dedupKey, at: instant) }
        append(entry(.raised, alert, before: nil, at: instant, channel: "source"), to: &out)
        alert.silencedBy = activeSilence(matching: labels, at: instant)
        if let silence = alert.silencedBy {
            var record = entry(.silenced, alert, before: alert.state, at: instant, channel: "source")
            record.silenceId = silence
            append(record, to: &out)
        }
        alert.inhibitedBy = inhibitor(of: labels, excluding: alert.id)
        if alert.inhibitedBy != nil { append(entry(.inhibited, alert, before: alert.state, at: instant, channel: "source"), to: &out) }
        // A new alert is released from "not yet told": commit pages level 1 unless it is held.
        commit(alert, wasHeld: true, at: instant, into: &out)
        registerInhibitor(alert, at: instant, into: &out)
    }

    /// An audit line about `alert`, filled with its level, policy and state after.
    func entry(_ action: AuditAction, _ alert: Alert, before: AlertState?, at instant: Instant,
               actor: String = AlertEngine.engineActor, channel: String) -> AuditRecord {
        var record = AuditRecord(at: instant, action: action, actor: actor, channel: channel)
        record.alertId = alert.id
        record.dedupKey = alert.raised.dedupKey
        record.stateBefore = before
        record.stateAfter = alert.state
        record.level = alert.escalation.level
        record.round = alert.escalation.round
        record.policy = alert.escalation.policy.name
        record.policyVersion = alert.escalation.policy.version
        return record
    }

    /// Puts a line that concerns no alert (a checklist tick) in the audit trail, numbered in
    /// turn, after running the timers due by its time.
    public mutating func audit(_ record: AuditRecord) -> AlertingOutcome {
        var outcome = advance(to: record.at)
        append(record, to: &outcome)
        return outcome
    }

    /// Numbers `record` and adds it to `out`.
    mutating func append(_ record: AuditRecord, to out: inout AlertingOutcome) {
        var numbered = record
        numbered.seq = nextAuditSeq
        nextAuditSeq += 1
        out.records.append(numbered)
    }
}
