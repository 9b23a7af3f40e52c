extension AlertEngine {
    /// Runs every timer that has run out by `instant`, earliest first, each at its own time:
    /// escalation levels, acknowledgement timeouts, hold-downs, flapping reviews, silence ends.
    public mutating func advance(to instant: Instant) -> AlertingOutcome {
        var out = AlertingOutcome()
        now = max(now ?? instant, instant)
        while true {
            let silence = silences.values.filter { $0.expiredAt == nil && $0.endsAt <= instant }.min { $0.endsAt < $1.endsAt }
            let alert = deadlines.peek().flatMap { $0.deadline <= instant ? $0 : nil }
            if let silence, alert.map({ silence.endsAt <= $0.deadline }) ?? true {
                endSilence(silence.id, at: silence.endsAt, actor: Self.engineActor, channel: "timeout", into: &out)
            } else if let due = deadlines.popDue(by: instant) {
                fire(due.id, at: due.deadline, into: &out)
            } else {
                break
            }
        }
        dropExpired(at: instant)
        return out
    }

    /// The next moment `alert` needs attention, if any.
    func deadline(of alert: Alert) -> Instant? {
        guard alert.isOpen else { return nil }
        var candidates: [Instant] = []
        if alert.isFlapping, let review = flappingReview(of: alert.raised.dedupKey) { candidates.append(review) }
        if let since = alert.clearingSince, !alert.isFlapping { candidates.append(since.adding(seconds: rules.holdDownSeconds)) }
        if !alert.isHeld, let escalation = alert.escalation.nextDeadline { candidates.append(escalation) }
        return candidates.min()
    }

    /// Handles the one timer of alert `id` due at `deadline`.
    private mutating func fire(_ id: AlertID, at deadline: Instant, into out: inout AlertingOutcome) {
        guard var alert = alerts[id], alert.isOpen else { return }
        let wasHeld = alert.isHeld
        if alert.isFlapping, let review = flappingReview(of: alert.raised.dedupKey), review <= deadline {
            // commit re-reads the transitions and ends the flapping.
        } else if let since = alert.clearingSince, !alert.isFlapping, since.adding(seconds: rules.holdDownSeconds) <= deadline {
            resolve(&alert, at: deadline, actor: Self.engineActor, channel: "source", note: "source clear for the hold-down", into: &out)
        } else if !alert.isHeld {
            let steps = alert.escalation.advance(to: deadline)
            take(steps, for: &alert, at: deadline, actor: Self.engineActor, channel: "timeout", note: nil, into: &out)
        }
        commit(alert, wasHeld: wasHeld, at: deadline, into: &out)
    }

    // MARK: Flapping

    /// Records a change of the source between firing and clear, kept in time order: a source's
    /// envelopes can arrive out of order, and the flapping review counts on the order.
    mutating func noteTransition(of key: String, at instant: Instant) {
        var recent = recentTransitions(of: key, at: instant)
        recent.insert(instant, at: recent.firstIndex { $0 > instant } ?? recent.endIndex)
        transitions[key] = recent
    }

    func recentTransitions(of key: String, at instant: Instant) -> [Instant] {
        let cutoff = instant.adding(seconds: -rules.flapping.windowSeconds)
        return (transitions[key] ?? []).filter { $0 > cutoff }
    }

    func isFlapping(_ key: String, at instant: Instant) -> Bool {
        recentTransitions(of: key, at: instant).count >= rules.flapping.transitions
    }

    /// When enough transitions of `key` will have left the window to end its flapping. (A
    /// review worked out from transitions out of time order came round again and again at the
    /// same moment: the engine's timers never ran out.)
    func flappingReview(of key: String) -> Instant? {
        let recent = (transitions[key] ?? []).sorted()
        let excess = recent.count - rules.flapping.transitions
        guard excess >= 0 else { return nil }
        return recent[excess].adding(seconds: rules.flapping.windowSeconds)
    }

    /// Forgets resolved alerts (with their keys' flapping history, once it is past the window)
    /// and ended silences after the retention.
    private mutating func dropExpired(at instant: Instant) {
        let cutoff = instant.adding(seconds: -Self.resolvedRetentionSeconds)
        let expired = resolvedOrder.prefix { $0.at < cutoff }
        guard !expired.isEmpty else { return }
        let window = instant.adding(seconds: -rules.flapping.windowSeconds)
        for entry in expired {
            guard let alert = alerts[entry.id], !alert.isOpen else { continue }
            alerts.removeValue(forKey: entry.id)
            let key = alert.raised.dedupKey
            if openByKey[key] == nil, transitions[key]?.last.map({ $0 <= window }) ?? false { transitions[key] = nil }
        }
        resolvedOrder.removeFirst(expired.count)
        for (id, silence) in silences where silence.endedAt < cutoff { silences[id] = nil }
    }
}
