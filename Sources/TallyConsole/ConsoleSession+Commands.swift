import TallyCore
import TallyScreen
import TallyTerminal

extension ConsoleSession {
    /// Runs one command; returns true to quit.
    func perform(_ command: ConsoleCommand, at now: Double, terminal: Terminal) -> Bool {
        let instant = timeline.now(atWall: now)
        switch command {
        case .quit:
            return true
        case .publish(let action):
            upstream.send(.operatorAction(action), at: instant, console: consoleID)
            logger.info("operator action", metadata: ["alert": "\(action.alertId)", "action": "\(action.action)", "actor": "\(action.actor)"])
        case .silence(let request):
            upstream.send(.silenceCreated(request), at: instant, console: consoleID)
            logger.info("silence", metadata: ["matchers": "\(request.matchers)", "actor": "\(request.actor)"])
        case .openRunbook(let id):
            guard let alert = state.alerts[id] else { return false }
            view.overlay = .document(runbooks.runbook(for: alert))
        case .writeHandover(let note):
            writeHandover(note: note, at: instant)
        case .tickChecklist(let tick):
            upstream.send(.checklistTicked(tick), at: instant, console: consoleID)
            logger.info("checklist", metadata: ["event": "\(tick.eventId)", "item": "\(tick.item)", "ticked": "\(tick.ticked)"])
        case .expireSilence(let expiry):
            upstream.send(.silenceExpired(expiry), at: instant, console: consoleID)
        case .cycleTheme:
            theme = themes.theme(after: theme.name)
            terminal.apply(theme)
            view.message = "theme \(theme.name)"
        case .togglePause, .faster, .slower, .jumpToNextAlert, .jumpToPreviousAlert, .step, .seek, .nudge:
            follow(timeline.control(command, atWall: now), of: command)
        }
        return false
    }

    /// Follows what a replay key did: publishes a step or a jump, starts again from a seek's
    /// state, and after a jump to an alert selects it.
    private func follow(_ response: TimelineResponse, of command: ConsoleCommand) {
        switch response {
        case .none:
            return
        case .refused(let reason):
            view.message = reason
            return
        case .publish(let batch):
            upstream.publish(batch)
            applyDeliveries()
        case .restart(let state):
            ledger.replace(with: state)
        }
        frames.changed(urgent: true)
        guard command == .jumpToNextAlert || command == .jumpToPreviousAlert else { return }
        let newest = state.alerts.values.max { $0.raisedAt < $1.raisedAt }
        view.focus = .alerts
        view.selection[.alerts] = newest.map { "\($0.id)" }
        view.message = newest.map { "jumped to alert #\($0.id)" }
    }

    /// Writes the handover to the state folder, then publishes it; the receipt names the file.
    private func writeHandover(note: String, at instant: Instant) {
        let markdown = HandoverReport.markdown(state: state, at: instant, author: options.operatorName, site: site, note: note)
        do {
            let path = try handovers.save(markdown, author: options.operatorName, at: instant, isDemo: timeline.mode(atWall: 0).isDemo)
            upstream.send(.handoverWritten(HandoverWritten(author: options.operatorName, note: note, path: path, markdown: markdown)),
                          at: instant, console: consoleID)
            logger.info("handover written", metadata: ["path": "\(path)"])
        } catch {
            logger.error("handover not saved", metadata: ["error": "\(error)"])
            view.message = "handover NOT SAVED: \(error)"
        }
    }
}
