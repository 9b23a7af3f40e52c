extension ConsoleState {
    /// Applies one envelope in place (see `reduce(_:_:)`), returning what the alert engine
    /// made of it: audit lines to store and notifications to send.
    @discardableResult
    public mutating func apply(_ envelope: Envelope) -> AlertingOutcome {
        let at = envelope.timestamp
        now = max(now ?? at, at)
        lastSeq = max(lastSeq, envelope.seq)
        // An engine input runs the timers due by its time itself; any other envelope runs them here.
        var engineOutcome: AlertingOutcome?
        switch envelope.event {
        case .eventScheduled(let scheduled): schedule(scheduled)
        case .phaseChanged(let change): changePhase(change)
        case .feedSample(let sample): record(sample, at: at)
        case .feedHealth(let health): updateHealth(health, at: at)
        case .feedContent(let checked): record(checked, at: at)
        case .viewers(let sample): record(sample, at: at)
        case .alertRaised(let raised): engineOutcome = alerting.raise(withImpact(raised), at: at, site: envelope.site)
        case .alertCleared(let cleared): engineOutcome = alerting.clear(cleared, at: at)
        case .operatorAction(let action): engineOutcome = alerting.perform(action, at: at, site: envelope.site)
        case .silenceCreated(let request): engineOutcome = alerting.createSilence(request, at: at)
        case .silenceExpired(let expiry): engineOutcome = alerting.expireSilence(expiry, at: at)
        case .notified(let notified): engineOutcome = alerting.recordNotification(notified, at: at)
        case .checklistTicked(let tick): engineOutcome = mark(tick, at: at)
        case .reminder(let reminder): reminders[reminder.eventId] = reminder
        case .handoverWritten(let handover): latestHandover = handover
        case .eventCancelled(let cancelled): cancel(cancelled.eventId)
        case .timersDue: break
        }
        var outcome = engineOutcome ?? alerting.advance(to: at)
        for index in outcome.records.indices {
            if outcome.records[index].site == nil { outcome.records[index].site = envelope.site }
            if outcome.records[index].action == .paged { outcome.records[index].detail = PagedTargets.described(outcome.records[index], by: roster) }
        }
        if outcome.rejection != nil { rejectedActions += 1 }
        refreshImpact(after: envelope, records: outcome.records)
        remember(outcome.records)
        return outcome
    }

    /// The earliest moment an alert timer falls due (see `AlertEngine.nextDeadline()`).
    public mutating func nextTimer() -> Instant? { alerting.nextDeadline() }

    /// Adds audit lines to their alerts' timelines, and forgets the timelines of alerts the
    /// engine has dropped.
    private mutating func remember(_ records: [AuditRecord]) {
        for record in records {
            guard let id = record.alertId else { continue }
            timelines[id, default: []].append(record)
            if let count = timelines[id]?.count, count > Self.timelineLength {
                timelines[id]?.removeFirst(count - Self.timelineLength)
            }
        }
        if timelines.count > alerting.alerts.count + 64 {
            timelines = timelines.filter { alerting.alerts[$0.key] != nil }
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

    /// Takes an event and its feeds off the console; alerts stay (they resolve on their own).
    private mutating func cancel(_ event: EventID) {
        guard let schedule = events.removeValue(forKey: event)?.schedule else { return }
        for descriptor in schedule.feeds { feeds[descriptor.feedId] = nil }
        reminders[event] = nil
    }

    /// Ticks or unticks an item, and puts the change in the audit trail.
    private mutating func mark(_ tick: ChecklistTick, at instant: Instant) -> AlertingOutcome {
        checklists[tick.eventId, default: [:]][tick.itemID] = tick.ticked ? ChecklistMark(actor: tick.actor, at: instant) : nil
        var record = AuditRecord(at: instant, action: tick.ticked ? .checklistTicked : .checklistUnticked, actor: tick.actor, channel: tick.channel)
        record.eventId = tick.eventId
        record.step = tick.step
        record.item = tick.item
        return alerting.audit(record)
    }

    private mutating func changePhase(_ change: PhaseChanged) {
        guard events[change.eventId] != nil else { return }
        events[change.eventId]?.phase = change.phase
        events[change.eventId]?.nextPhase = change.next
        events[change.eventId]?.nextPhaseAt = change.nextAt
        events[change.eventId]?.step = change.step
        events[change.eventId]?.nextStep = change.nextStep
    }

    private mutating func record(_ sample: FeedSample, at instant: Instant) {
        guard feeds[sample.feedId] != nil else { return }
        feeds[sample.feedId]?.lastSample = sample
        feeds[sample.feedId]?.lastSampleAt = instant
    }

    private mutating func record(_ checked: ContentChecked, at instant: Instant) {
        guard feeds[checked.feedId] != nil else { return }
        var content = feeds[checked.feedId]?.content ?? FeedContent()
        content.record(checked, at: instant)
        feeds[checked.feedId]?.content = content
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
}
