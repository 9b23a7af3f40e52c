import TallyCore
import TallyScreen

extension ConsoleModel {
    /// A key: the keymap changes the view and names commands; each command becomes its effects.
    /// The footer's last answer goes with the next key, unless that key edits a line.
    mutating func press(_ key: Key) -> [ConsoleEffect] {
        frames.changed(urgent: true)
        if view.filterDraft == nil, view.commandDraft == nil, view.prompt == nil { view.message = nil }
        let keymap = Keymap(operatorName: settings.operatorName, channel: settings.channel, bindings: settings.bindings,
                            themeNames: themes.themes.map(\.name))
        let rows = currentRows()
        let commands = keymap.handle(key, view: &view, state: state, context: context, size: size, rows: rows)
        return commands.flatMap { effects(of: $0) }
    }

    /// What a command asks of the world. Operator actions are sent, not applied: the state
    /// changes when they come back from the bus or the hub, and the footer says so once stored.
    mutating func effects(of command: ConsoleCommand) -> [ConsoleEffect] {
        switch command {
        case .quit:
            return [.quit(.quit)]
        case .say(let text):
            say(text)
            return []
        case .publish(let action):
            return [.send(.operatorAction(action)),
                    .log(.info, "operator action", ["alert": "\(action.alertId)", "action": "\(action.action)", "actor": "\(action.actor)"])]
        case .silence(let request):
            return [.send(.silenceCreated(request)), .log(.info, "silence", ["matchers": "\(request.matchers)", "actor": "\(request.actor)"])]
        case .expireSilence(let expiry):
            return [.send(.silenceExpired(expiry))]
        case .tickChecklist(let tick):
            return [.send(.checklistTicked(tick)),
                    .log(.info, "checklist", ["event": "\(tick.eventId)", "item": "\(tick.item)", "ticked": "\(tick.ticked)"])]
        case .openReport:
            view.overlay = .report(nightReport())
            return []
        case .openRunbook(let id):
            return state.alerts[id].map { [.openRunbook($0)] } ?? []
        case .writeHandover(let note):
            let markdown = HandoverReport.markdown(state: state, at: clock.now, author: settings.operatorName, site: settings.site, note: note)
            return [.saveHandover(HandoverDraft(author: settings.operatorName, note: note, markdown: markdown, at: clock.now,
                                                isDemo: clock.mode.isDemo))]
        case .cycleTheme:
            theme = themes.theme(after: theme.name)
            say("theme \(theme.name)")
            return [.useTheme(theme)]
        case .useTheme(let name):
            guard let chosen = themes.theme(named: name) else {
                say("no theme named \(name) (\(themes.themes.map(\.name).joined(separator: ", ")))")
                return []
            }
            theme = chosen
            say("theme \(name)")
            return [.useTheme(chosen)]
        case .togglePause, .faster, .slower, .jumpToNextAlert, .jumpToPreviousAlert, .step, .seek, .nudge:
            return [.controlReplay(command)]
        }
    }

    /// The report of what this console has seen, with the open alerts as they stand now.
    func nightReport() -> OperationsReport {
        OperationsReport(nightFacts.current(state, at: clock.now))
    }

    /// Once the handover file is saved, it is published; the receipt names the file.
    mutating func handoverSaved(_ result: Result<HandoverWritten, HandoverNotSaved>) -> [ConsoleEffect] {
        switch result {
        case .success(let written):
            return [.send(.handoverWritten(written)), .log(.info, "handover written", ["path": "\(written.path)"])]
        case .failure(let failure):
            say("handover NOT SAVED: \(failure.reason)")
            return [.log(.error, "handover not saved", ["error": "\(failure.reason)"])]
        }
    }
}
