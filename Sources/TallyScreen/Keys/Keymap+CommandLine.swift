import TallyCore

extension Keymap {
    /// Keys while the `:` line is open: Tab completes, Enter runs, Esc (or backspace on an empty line) closes.
    func editCommandLine(_ key: Key, view: inout ViewState, state: ConsoleState, context: ScreenContext) -> [ConsoleCommand] {
        let draft = view.commandDraft ?? ""
        switch key {
        case .enter:
            view.commandDraft = nil
            return run(typed: draft, view: &view, state: state, context: context)
        case .escape:
            view.commandDraft = nil
        case .interrupt:
            return [.quit]
        case .tab:
            view.commandDraft = CommandLineParser.complete(draft, themes: themeNames)
        case .backspace:
            if draft.isEmpty { view.commandDraft = nil } else { view.commandDraft?.removeLast() }
        case .character(let c) where !c.isNewline && DisplayWidth.of(c) > 0 && draft.count < Prompt.longestText:
            view.commandDraft?.append(c)
        default:
            break
        }
        return []
    }

    /// Runs a typed line; a refusal is said in the footer.
    private func run(typed line: String, view: inout ViewState, state: ConsoleState, context: ScreenContext) -> [ConsoleCommand] {
        let typed: TypedCommand
        switch CommandLineParser.parse(line) {
        case .success(let parsed): typed = parsed
        case .failure(let problem):
            view.message = problem.message
            return []
        }
        func action(_ id: AlertID, _ kind: ActionKind, _ note: String?) -> [ConsoleCommand] {
            guard openAlert(id, view: &view, state: state) != nil else { return [] }
            return [.publish(OperatorAction(alertId: id, action: kind, actor: operatorName, channel: channel, comment: note))]
        }
        switch typed {
        case .acknowledge(let id, let note):
            return openAlert(id, view: &view, state: state).map { acknowledge($0, letGo: false, note: note, view: &view) } ?? []
        case .letGo(let id):
            return openAlert(id, view: &view, state: state).map { acknowledge($0, letGo: true, view: &view) } ?? []
        case .escalate(let id, let note): return action(id, .escalate, note)
        case .resolve(let id, let note): return action(id, .resolve, note)
        case .silence(let matchers, let seconds, let comment):
            return [.silence(SilenceRequest(matchers: matchers, durationSeconds: seconds, actor: operatorName, channel: channel, comment: comment))]
        case .goTo(let moment):
            guard context.mode.isDemo else {
                view.message = ":goto moves a replay (tally demo); a live console stays on the present"
                return []
            }
            return [.seek(moment)]
        case .theme(let name): return [.useTheme(name)]
        case .filter(let text): view.filters[view.focus] = text
        case .help: view.overlay = .help
        case .quit: return [.quit]
        }
        return []
    }

    /// The open alert numbered `id`, or nil with the reason in the footer.
    private func openAlert(_ id: AlertID, view: inout ViewState, state: ConsoleState) -> Alert? {
        guard let alert = state.alerts[id] else {
            view.message = "no alert #\(id)"
            return nil
        }
        guard alert.isOpen else {
            view.message = "#\(id) is resolved; nothing to do"
            return nil
        }
        return alert
    }
}
