extension ConsoleState {
    /// Applies one envelope in place; see `reduce(_:_:)`.
    public mutating func apply(_ envelope: Envelope) {
        let at = envelope.timestamp
        now = max(now ?? at, at)
        lastSeq = max(lastSeq, envelope.seq)
        switch envelope.event {
        case .eventScheduled(let scheduled): schedule(scheduled)
        case .phaseChanged(let change): changePhase(change)
        case .feedSample(let sample): record(sample, at: at)
        case .feedHealth(let health): updateHealth(health, at: at)
        case .viewers(let sample): record(sample, at: at)
        case .alertRaised(let raised): raise(raised, at: at)
        case .alertCleared(let cleared): clear(cleared, at: at)
        case .operatorAction(let action): perform(action, at: at)
        }
    }

    private mutating func schedule(_ schedule: LiveEventScheduled) {
        if events[schedule.eventId] == nil {
            events[schedule.eventId] = EventState(schedule: schedule)
        } else {
            events[schedule.eventId]?.schedule = schedule
        }
        for descriptor in schedule.feeds {
            if feeds[descriptor.feedId] == nil {
                feeds[descriptor.feedId] = FeedState(descriptor: descriptor, eventId: schedule.eventId)
            } else {
                feeds[descriptor.feedId]?.descriptor = descriptor
            }
        }
    }

    private mutating func changePhase(_ change: PhaseChanged) {
        guard events[change.eventId] != nil else { return }
        events[change.eventId]?.phase = change.phase
        events[change.eventId]?.nextPhase = change.next
        events[change.eventId]?.nextPhaseAt = change.nextAt
    }

    private mutating func record(_ sample: FeedSample, at instant: Instant) {
        guard feeds[sample.feedId] != nil else { return }
        feeds[sample.feedId]?.lastSample = sample
        feeds[sample.feedId]?.lastSampleAt = instant
    }

    private mutating func updateHealth(_ health: FeedHealthChanged, at instant: Instant) {
        guard let feed = feeds[health.feedId] else { return }
        if feed.status != health.status || feed.statusSince == nil {
            feeds[health.feedId]?.statusSince = instant
        }
        feeds[health.feedId]?.status = health.status
        feeds[health.feedId]?.reasons = health.reasons
    }

    private mutating func record(_ sample: ViewerSample, at instant: Instant) {
        guard let event = events[sample.eventId] else { return }
        totalViewers += sample.concurrent - (event.viewers?.concurrent ?? 0)
        peakTotalViewers = max(peakTotalViewers, totalViewers)
        audience.record(totalViewers, at: instant)
        events[sample.eventId]?.viewers = sample
        events[sample.eventId]?.peakViewers = max(event.peakViewers, sample.concurrent)
        events[sample.eventId]?.viewerHistory.record(sample.concurrent, at: instant)
    }

    private mutating func raise(_ raised: AlertRaised, at instant: Instant) {
        if let id = openAlerts[raised.dedupKey] {
            alerts[id]?.count += 1
            alerts[id]?.lastSeenAt = instant
            alerts[id]?.raised.summary = raised.summary
            if let open = alerts[id], raised.severity > open.severity {
                alerts[id]?.raised.severity = raised.severity
            }
            return
        }
        let id = nextAlertID
        nextAlertID += 1
        alerts[id] = Alert(id: id, raised: raised, at: instant)
        openAlerts[raised.dedupKey] = id
        dropResolvedAlerts(before: instant.adding(seconds: -Self.resolvedAlertRetentionSeconds))
    }

    private mutating func clear(_ cleared: AlertCleared, at instant: Instant) {
        guard let id = openAlerts.removeValue(forKey: cleared.dedupKey) else { return }
        alerts[id]?.state = .resolved
        alerts[id]?.resolvedAt = instant
    }

    private mutating func perform(_ action: OperatorAction, at instant: Instant) {
        guard let alert = alerts[action.alertId], alert.isOpen || action.action == .note else {
            rejectedActions += 1
            return
        }
        var updated = alert
        switch action.action {
        case .ack:
            // The first acknowledgement owns the alert; a later one changes nothing.
            guard alert.state == .triggered else { break }
            updated.state = .acknowledged
            updated.acknowledgedBy = action.actor
            updated.acknowledgedAt = instant
        case .unack:
            updated.state = .triggered
            updated.acknowledgedBy = nil
            updated.acknowledgedAt = nil
        case .escalate:
            updated.escalationLevel += 1
            updated.escalatedBy = action.actor
        case .resolve:
            updated.state = .resolved
            updated.resolvedAt = instant
            updated.resolvedBy = action.actor
            openAlerts.removeValue(forKey: alert.raised.dedupKey)
        case .silence, .note:
            break
        }
        if let comment = action.comment, !comment.isEmpty {
            updated.notes.append("\(action.actor): \(comment)")
        }
        alerts[action.alertId] = updated
    }

    private mutating func dropResolvedAlerts(before cutoff: Instant) {
        for (id, alert) in alerts where alert.state == .resolved && (alert.resolvedAt ?? cutoff) < cutoff {
            alerts.removeValue(forKey: id)
        }
    }
}
