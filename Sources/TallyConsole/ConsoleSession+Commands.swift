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
        case .togglePause, .faster, .slower:
            _ = timeline.control(command, atWall: now)
        case .jumpToNextAlert:
            jumpToNextAlert(at: now)
        }
        return false
    }

    private func jumpToNextAlert(at now: Double) {
        let batch = timeline.control(.jumpToNextAlert, atWall: now)
        guard !batch.isEmpty else {
            view.message = "no more alerts in this recording"
            return
        }
        upstream.publish(batch)
        applyDeliveries()
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
