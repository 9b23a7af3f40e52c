import TallyLive
import TallyCore
import TallyScreen

extension ConsoleModel {
    /// Applies a delivered batch. A console that keeps the record records it, stores what it
    /// caused and then notifies; the answer to this console's own action waits for the store.
    mutating func apply(_ batch: [Envelope]) -> [ConsoleEffect] {
        guard !batch.isEmpty else { return [] }
        var receipt: String?
        var closedDays: [EventDiary] = []
        generation += 1
        var settlement = Settlement(envelopes: batch)
        for envelope in batch {
            let applied = state.apply(envelope)
            nightFacts.add(applied, of: envelope, to: state)
            if keepsDiaries { closedDays += diaries.note(applied, of: envelope, to: state) }
            settlement.note(envelope, caused: applied)
            if envelope.console == settings.consoleID {
                receipt = Receipt.message(for: envelope.event, outcome: applied, state: state) ?? receipt
            } else if case .reminder(let due) = envelope.event {
                say(due.text)
            }
            frames.changed(urgent: envelope.event.isUrgentOnScreen)
        }
        timersAskedFor = nil
        if isJumping { selectNewestAlert() }
        if nightFacts.records.count > Self.nightFactsCap, let now = state.now { nightFacts.forget(before: now.adding(seconds: -Self.nightSeconds)) }
        if case .report = view.overlay { view.overlay = .report(nightReport()) }
        guard settings.keepsRecord else {
            say(receipt)
            return []
        }
        var effects: [ConsoleEffect] = [.record(batch)]
        if let write = settlement.write(from: state.alerting) {
            effects.append(.store(write))
            pendingReceipt = receipt
        } else {
            say(receipt)
        }
        if !settlement.outcome.notifications.isEmpty { effects.append(.notify(settlement.outcome.notifications)) }
        return effects + closedDays.map(ConsoleEffect.saveAfterShow)
    }

    /// Whether this console writes the after-show reports: only a live console that decides and
    /// keeps the record (a replay's days are a recording's, never written as the room's).
    private var keepsDiaries: Bool { settings.decidesTimers && settings.keepsRecord && !clock.mode.isDemo }

    /// How many audit lines the report overlay's facts may hold before those older than
    /// `nightSeconds` are let go: a console left open for days keeps the last night, not all of them.
    static let nightFactsCap = 20_000
    static let nightSeconds = 12.0 * 3600

    /// Starts again from `snapshot`: see `ConsoleMessage.restart` for why nothing is recorded or stored.
    mutating func restart(from snapshot: ConsoleState, reason: ConsoleMessage.Restart) -> [ConsoleEffect] {
        // A console attaching to start a shift shows the room's last handover (from any site) until it is dismissed.
        if reason == .hubSnapshot, generation == 0, let handover = snapshot.latestHandover {
            view.overlay = .document(DocumentView(title: "Handover from the last shift", source: handover.path, markdown: handover.markdown))
        }
        state = snapshot
        nightFacts = ReportFacts(seededFrom: snapshot)
        if case .report = view.overlay { view.overlay = .report(nightReport()) }
        generation += 1
        timersAskedFor = nil
        frames.changed(urgent: true)
        if isJumping { selectNewestAlert() }
        return [.log(.info, "console state replaced", ["reason": "\(reason)", "alerts": "\(state.alerts.count)"])]
    }

    /// After a jump to the next or previous alert, selects the newest one in the Alerts pane.
    private mutating func selectNewestAlert() {
        isJumping = false
        let newest = state.alerts.values.max { $0.raisedAt < $1.raisedAt }
        view.focus = .alerts
        view.selection[.alerts] = newest.map { "\($0.id)" }
        say(newest.map { "jumped to alert #\($0.id)" })
    }

    /// Follows what a replay key did: publishes a step or a jump, starts again from a seek's
    /// state, and after a jump to an alert selects it.
    mutating func follow(_ response: TimelineResponse, of command: ConsoleCommand) -> [ConsoleEffect] {
        isJumping = command == .jumpToNextAlert || command == .jumpToPreviousAlert
        switch response {
        case .none:
            isJumping = false
            return []
        case .refused(let reason):
            isJumping = false
            say(reason)
            return []
        case .publish(let batch):
            frames.changed(urgent: true)
            return [.publish(batch)]
        case .restart(let snapshot):
            return restart(from: snapshot, reason: .seek)
        }
    }
}
