extension AlertEngine {
    /// An operator acts on an alert (by its dedup key when the action names one), from the
    /// console of `site` when the room has several. A refused action changes nothing and says
    /// why in `rejection`.
    public mutating func perform(_ action: OperatorAction, at instant: Instant, site: String? = nil) -> AlertingOutcome {
        var out = advance(to: instant)
        let id = action.dedupKey.flatMap { openByKey[$0] } ?? action.alertId
        guard var alert = alerts[id] else {
            out.rejection = "no alert #\(id)"
            return out
        }
        guard alert.isOpen || action.action == .note else {
            out.rejection = "#\(id) is resolved; nothing to do"
            return out
        }
        let wasHeld = alert.isHeld
        let before = alert.state
        let note = action.comment.flatMap { $0.isEmpty ? nil : $0 }
        func record(_ kind: AuditAction) -> AuditRecord {
            var record = entry(kind, alert, before: before, at: instant, actor: action.actor, channel: action.channel)
            record.note = note
            return record
        }
        switch action.action {
        case .ack:
            guard alert.escalation.acknowledge(at: instant) else {
                out.rejection = "#\(id) already acknowledged by \(alert.owner)"
                return out
            }
            alert.acknowledgedBy = action.actor
            alert.acknowledgedSite = site
            var acknowledged = record(.acknowledged)
            acknowledged.expiresAt = alert.escalation.nextDeadline
            append(acknowledged, to: &out)
            notifyPaged(.acknowledge, alert, at: instant, into: &out)
        case .unack:
            guard alert.escalation.unacknowledge(at: instant) else {
                out.rejection = "#\(id) is not acknowledged"
                return out
            }
            alert.acknowledgedBy = nil
            alert.acknowledgedSite = nil
            append(record(.unacknowledged), to: &out)
        case .escalate:
            let steps = alert.escalation.escalate(at: instant)
            alert.escalatedBy = action.actor
            take(steps, for: &alert, at: instant, actor: action.actor, channel: action.channel, note: note, into: &out)
        case .resolve:
            resolve(&alert, at: instant, actor: action.actor, channel: action.channel, note: note, into: &out)
        case .note:
            guard note != nil else {
                out.rejection = "a note needs some text"
                return out
            }
            append(record(.noted), to: &out)
        case .silence:
            let until = action.until ?? instant.adding(seconds: 3600)
            out.append(createSilence(SilenceRequest(
                matchers: [Self.dedupMatcher(alert.raised.dedupKey)], durationSeconds: until.seconds(since: instant),
                actor: action.actor, channel: action.channel, comment: note ?? "", alertId: alert.id), at: instant))
            return out
        }
        if let note { alert.notes.append("\(action.actor): \(note)") }
        commit(alert, wasHeld: wasHeld, at: instant, into: &out)
        return out
    }

    /// Records what escalation did to `alert` and tells the targets of each level it reached
    /// (a held alert's targets only when a person escalated it by hand).
    mutating func take(_ steps: [Escalation.Step], for alert: inout Alert, at instant: Instant,
                       actor: String, channel: String, note: String?, into out: inout AlertingOutcome) {
        for step in steps {
            switch step {
            case .reached(_, _, let targets, let manual):
                var record = entry(.escalated, alert, before: alert.state, at: instant, actor: actor, channel: channel)
                record.note = note
                append(record, to: &out)
                if manual || !alert.isHeld { page(&alert, targets: targets, at: instant, into: &out) }
            case .acknowledgementExpired:
                let owner = alert.acknowledgedBy
                alert.acknowledgedBy = nil
                alert.acknowledgedSite = nil
                var record = entry(.acknowledgementExpired, alert, before: .acknowledged, at: instant, channel: channel)
                record.note = owner.map { "acknowledged by \($0) and still unresolved" }
                append(record, to: &out)
                page(&alert, targets: alert.escalation.policy.levels[alert.escalation.level - 1].targets, at: instant, into: &out)
            case .exhausted:
                append(entry(.exhausted, alert, before: alert.state, at: instant, channel: channel), to: &out)
            }
        }
    }

    /// Ends `alert`: by a person (`actor`), or by the source clearing (the engine).
    mutating func resolve(_ alert: inout Alert, at instant: Instant, actor: String, channel: String,
                          note: String?, into out: inout AlertingOutcome) {
        let before = alert.state
        alert.escalation.resolve(at: instant)
        alert.resolvedAt = instant
        alert.resolvedBy = actor == Self.engineActor ? nil : actor
        alert.clearingSince = nil
        openByKey.removeValue(forKey: alert.raised.dedupKey)
        resolvedOrder.append(ResolvedEntry(at: instant, id: alert.id))
        var record = entry(.resolved, alert, before: before, at: instant, actor: actor, channel: channel)
        record.note = note
        append(record, to: &out)
        notifyPaged(.resolve, alert, at: instant, into: &out)
        alerts[alert.id] = alert
        releaseInhibited(by: alert.id, at: instant, into: &out)
    }

    /// Tells `targets` that `alert` reached its current level.
    mutating func page(_ alert: inout Alert, targets: [String], at instant: Instant, into out: inout AlertingOutcome) {
        alert.paged = Alert.Page(level: alert.escalation.level, round: alert.escalation.round)
        var record = entry(.paged, alert, before: alert.state, at: instant, channel: "engine")
        record.detail = targets.joined(separator: PagedTargets.separator)
        append(record, to: &out)
        out.notifications.append(AlertNotification(action: .trigger, alert: alert, targets: targets, at: instant))
    }

    /// Tells whoever was paged about an acknowledgement or resolution; nobody when nobody was paged.
    func notifyPaged(_ action: AlertNotification.Action, _ alert: Alert, at instant: Instant, into out: inout AlertingOutcome) {
        guard let paged = alert.paged else { return }
        let targets = alert.escalation.policy.levels[paged.level - 1].targets
        out.notifications.append(AlertNotification(action: action, alert: alert, targets: targets, at: instant))
    }

    /// A notifier reports one attempt; it goes into the audit log.
    public mutating func recordNotification(_ outcome: NotificationOutcome, at instant: Instant) -> AlertingOutcome {
        var out = advance(to: instant)
        var record = AuditRecord(at: instant, action: .notified, actor: outcome.notifier, channel: "notifier:" + outcome.notifier)
        if let alert = alerts[outcome.alertId] {
            record = entry(.notified, alert, before: alert.state, at: instant, actor: outcome.notifier, channel: record.channel)
        }
        record.alertId = outcome.alertId
        record.dedupKey = outcome.dedupKey
        record.level = outcome.level
        record.detail = "\(outcome.action.rawValue) attempt \(outcome.attempt): "
            + (outcome.delivered ? "delivered" : "failed") + ", \(outcome.detail)"
        append(record, to: &out)
        return out
    }

    static func dedupMatcher(_ key: String) -> LabelMatcher { LabelMatcher(label: "dedup_key", equals: key) }
}
