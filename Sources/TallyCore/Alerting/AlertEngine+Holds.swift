extension AlertEngine {
    /// Stores `alert` after a change: settles whether it flaps, resumes its escalation when
    /// nothing holds it any more (telling its level if that level was never told), and
    /// reschedules its next timer.
    mutating func commit(_ changed: Alert, wasHeld: Bool, at instant: Instant, into out: inout AlertingOutcome) {
        var alert = changed
        if alert.isOpen {
            let flapping = isFlapping(alert.raised.dedupKey, at: instant)
            if flapping != alert.isFlapping {
                alert.isFlapping = flapping
                append(entry(flapping ? .flapping : .stable, alert, before: alert.state, at: instant, channel: "source"), to: &out)
            }
            if wasHeld && !alert.isHeld {
                alert.escalation.resume(at: instant)
                let current = Alert.Page(level: alert.escalation.level, round: alert.escalation.round)
                if alert.state == .triggered && alert.paged != current {
                    page(&alert, targets: alert.escalation.policy.levels[current.level - 1].targets, at: instant, into: &out)
                }
            }
        }
        alerts[alert.id] = alert
        deadlines.schedule(alert.id, at: deadline(of: alert))
    }

    // MARK: Silences

    /// An operator silences matching alerts for a while: open ones are held at once, and new
    /// ones are held as they come.
    public mutating func createSilence(_ request: SilenceRequest, at instant: Instant) -> AlertingOutcome {
        var out = advance(to: instant)
        guard !request.matchers.isEmpty else {
            out.rejection = "a silence needs at least one matcher"
            return out
        }
        guard request.durationSeconds > 0 else {
            out.rejection = "a silence needs a duration"
            return out
        }
        let silence = Silence(id: nextSilenceID, request: request, at: instant)
        nextSilenceID += 1
        silences[silence.id] = silence
        var record = AuditRecord(at: instant, action: .silenceCreated, actor: request.actor, channel: request.channel)
        record.silenceId = silence.id
        record.alertId = request.alertId
        record.note = request.comment.isEmpty ? nil : request.comment
        record.expiresAt = silence.endsAt
        record.detail = request.matchers.map(\.description).joined(separator: ", ")
        append(record, to: &out)
        for id in alerts.keys.sorted() {
            guard var alert = alerts[id], alert.isOpen, alert.silencedBy == nil,
                  request.matchers.allMatch(alert.matchLabels) else { continue }
            alert.silencedBy = silence.id
            var silenced = entry(.silenced, alert, before: alert.state, at: instant, actor: request.actor, channel: request.channel)
            silenced.silenceId = silence.id
            append(silenced, to: &out)
            commit(alert, wasHeld: true, at: instant, into: &out)
        }
        return out
    }

    /// An operator ends a silence before its time.
    public mutating func expireSilence(_ expiry: SilenceExpiry, at instant: Instant) -> AlertingOutcome {
        var out = advance(to: instant)
        guard let silence = silences[expiry.silenceId], silence.isActive(at: instant) else {
            out.rejection = "no active silence #\(expiry.silenceId)"
            return out
        }
        endSilence(silence.id, at: instant, actor: expiry.actor, channel: expiry.channel, into: &out)
        return out
    }

    /// Ends silence `id` (on time when `actor` is the engine) and releases what it held.
    mutating func endSilence(_ id: SilenceID, at instant: Instant, actor: String, channel: String, into out: inout AlertingOutcome) {
        guard var silence = silences[id] else { return }
        silence.expiredAt = instant
        silence.expiredBy = actor == Self.engineActor ? nil : actor
        silences[id] = silence
        var record = AuditRecord(at: instant, action: .silenceExpired, actor: actor, channel: channel)
        record.silenceId = id
        append(record, to: &out)
        for alertID in alerts.keys.sorted() {
            guard var alert = alerts[alertID], alert.isOpen, alert.silencedBy == id else { continue }
            alert.silencedBy = activeSilence(matching: alert.matchLabels, at: instant)
            if alert.silencedBy == nil {
                var unsilenced = entry(.unsilenced, alert, before: alert.state, at: instant, actor: actor, channel: channel)
                unsilenced.silenceId = id
                append(unsilenced, to: &out)
            }
            commit(alert, wasHeld: true, at: instant, into: &out)
        }
    }

    func activeSilence(matching labels: [String: String], at instant: Instant) -> SilenceID? {
        silences.values.filter { $0.isActive(at: instant) && $0.matchers.allMatch(labels) }.map(\.id).min()
    }

    // MARK: Inhibition

    /// The open alert (other than `id`) that mutes an alert with these labels, if any.
    func inhibitor(of labels: [String: String], excluding id: AlertID) -> AlertID? {
        for (index, rule) in rules.inhibitions.enumerated() where rule.target.allMatch(labels) {
            guard let values = rule.pairingKey(labels),
                  let source = inhibitors[InhibitorKey(rule: index, values: values)]?.filter({ $0 != id }).min() else { continue }
            return source
        }
        return nil
    }

    /// Notes `alert` under every inhibition rule whose source it matches; returns those keys.
    @discardableResult
    mutating func indexAsInhibitor(_ alert: Alert) -> [InhibitorKey] {
        let labels = alert.matchLabels
        var pairs: [InhibitorKey] = []
        for (index, rule) in rules.inhibitions.enumerated() where rule.source.allMatch(labels) {
            guard let values = rule.pairingKey(labels) else { continue }
            let key = InhibitorKey(rule: index, values: values)
            inhibitors[key, default: []].insert(alert.id)
            pairs.append(key)
        }
        return pairs
    }

    /// If `alert` is an inhibition source, mutes the open alerts it pairs with.
    mutating func registerInhibitor(_ alert: Alert, at instant: Instant, into out: inout AlertingOutcome) {
        let pairs = indexAsInhibitor(alert)
        guard !pairs.isEmpty else { return }
        for id in alerts.keys.sorted() where id != alert.id {
            guard var target = alerts[id], target.isOpen, target.inhibitedBy == nil else { continue }
            let targetLabels = target.matchLabels
            let muted = pairs.contains { key in
                rules.inhibitions[key.rule].target.allMatch(targetLabels) && rules.inhibitions[key.rule].pairingKey(targetLabels) == key.values
            }
            guard muted else { continue }
            let wasHeld = target.isHeld
            target.inhibitedBy = alert.id
            var record = entry(.inhibited, target, before: target.state, at: instant, channel: "source")
            record.note = "muted by #\(alert.id)"
            append(record, to: &out)
            commit(target, wasHeld: wasHeld, at: instant, into: &out)
        }
    }

    /// The inhibiting alert `id` resolved: what it muted is released unless another mutes it.
    mutating func releaseInhibited(by id: AlertID, at instant: Instant, into out: inout AlertingOutcome) {
        var wasInhibitor = false
        for key in inhibitors.keys where inhibitors[key]?.contains(id) == true {
            wasInhibitor = true
            inhibitors[key]?.remove(id)
            if inhibitors[key]?.isEmpty == true { inhibitors[key] = nil }
        }
        guard wasInhibitor else { return }
        for alertID in alerts.keys.sorted() {
            guard var alert = alerts[alertID], alert.isOpen, alert.inhibitedBy == id else { continue }
            alert.inhibitedBy = inhibitor(of: alert.matchLabels, excluding: alert.id)
            if alert.inhibitedBy == nil {
                append(entry(.released, alert, before: alert.state, at: instant, channel: "source"), to: &out)
            }
            commit(alert, wasHeld: true, at: instant, into: &out)
        }
    }
}
