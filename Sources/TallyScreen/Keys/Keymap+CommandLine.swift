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
        case .failure(let problem): return [.say(problem.message)]
        }
        /// What to do with open alert `id`, or why nothing can be.
        func onOpenAlert(_ id: AlertID, _ commands: (Alert) -> [ConsoleCommand]) -> [ConsoleCommand] {
            guard let alert = state.alerts[id] else { return [.say("no alert #\(id)")] }
            guard alert.isOpen else { return [.say("#\(id) is resolved; nothing to do")] }
            return commands(alert)
        }
        func action(_ kind: ActionKind, _ note: String?) -> (Alert) -> [ConsoleCommand] {
            { [.publish(OperatorAction(alertId: $0.id, action: kind, actor: operatorName, channel: channel, comment: note))] }
        }
        switch typed {
        case .acknowledge(let id, let note): return onOpenAlert(id) { acknowledge($0, letGo: false, note: note) }
        case .letGo(let id): return onOpenAlert(id) { acknowledge($0, letGo: true) }
        case .escalate(let id, let note): return onOpenAlert(id, action(.escalate, note))
        case .resolve(let id, let note): return onOpenAlert(id, action(.resolve, note))
        case .silence(let matchers, let seconds, let comment):
            return [.silence(SilenceRequest(matchers: matchers, durationSeconds: seconds, actor: operatorName, channel: channel, comment: comment))]
        case .goTo(let moment):
            guard context.mode.isDemo else { return [.say(":goto moves a replay (tally demo); a live console stays on the present")] }
            return [.seek(moment)]
        case .theme(let name): return [.useTheme(name)]
        case .filter(let text): view.filters[view.focus] = text
        case .report: return [.openReport]
        case .help: view.overlay = .help
        case .quit: return [.quit]
        }
        return []
    }
}
