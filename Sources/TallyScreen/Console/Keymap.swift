import TallyCore

/// Turns key presses into view changes and commands. Pure: the state is only read.
public struct Keymap {
    public var operatorName: String
    /// The console id carried as the action's channel.
    public var channel: String

    public init(operatorName: String, channel: String = "key") {
        self.operatorName = operatorName
        self.channel = channel
    }

    public func handle(_ key: Key, view: inout ViewState, state: ConsoleState, context: ScreenContext, size: Size) -> [ConsoleCommand] {
        if view.filterDraft != nil { return editFilter(key, view: &view) }
        if view.prompt != nil { return editPrompt(key, view: &view) }
        view.message = nil
        if key == .interrupt || key == .character("q") { return [.quit] }
        if case .silences(let selected) = view.overlay { return browseSilences(key, selected: selected, view: &view, state: state) }
        if case .document(let document) = view.overlay { return scroll(document, key: key, view: &view, size: size) }
        if case .checklist(let event, let selected) = view.overlay {
            return browseChecklist(key, event: event, selected: selected, view: &view, state: state)
        }
        if view.overlay != nil {
            if key == .escape || key == .enter || key == .character("?") || (view.overlay == .rundown && key == .character("v")) { view.overlay = nil }
            return []
        }
        switch key {
        case .tab, .right: view.focus = view.focus.next
        case .backTab, .left: view.focus = view.focus.previous
        case .character(let c) where ("1"..."4").contains(c): view.focus = PaneID(rawValue: Int(String(c))!)!
        case .character("j"), .down: move(by: 1, view: &view, state: state, context: context)
        case .character("k"), .up: move(by: -1, view: &view, state: state, context: context)
        case .pageDown: move(by: pageRows(size), view: &view, state: state, context: context)
        case .pageUp: move(by: -pageRows(size), view: &view, state: state, context: context)
        case .character("g") where context.mode.isDemo: view.prompt = .seek()
        case .character("g"), .home: move(by: Int.min / 2, view: &view, state: state, context: context)
        case .character("G"), .end: move(by: Int.max / 2, view: &view, state: state, context: context)
        case .enter:
            if let id = selectedID(view: view, state: state, context: context) {
                view.overlay = .detail(view.focus, itemID: id)
            }
        case .character("?"): view.overlay = .help
        case .character("/"): view.filterDraft = view.filters[view.focus] ?? ""
        case .escape: view.filters[view.focus] = nil
        case .character("a"), .character("A"), .character("e"), .character("R"), .character("s"):
            return act(on: key, view: &view, state: state, context: context)
        case .character("S"): view.overlay = .silences(selected: 0)
        case .character("c"): openChecklist(view: &view, state: state, context: context)
        case .character("H"): view.prompt = .handover()
        case .character("v"): view.overlay = .rundown
        case .character("r"):
            guard view.focus == .alerts, let id = selectedID(view: view, state: state, context: context), let number = Int(id) else {
                view.message = "select an alert first: press 4 for the Alerts pane"
                return []
            }
            return [.openRunbook(number)]
        case .character("z"): toggleFold(view: &view, state: state, context: context)
        case .character("t"): return [.cycleTheme]
        case .character(" ") where context.mode.isDemo: return [.togglePause]
        case .character("+") where context.mode.isDemo, .character("=") where context.mode.isDemo: return [.faster]
        case .character("-") where context.mode.isDemo: return [.slower]
        case .character("]") where context.mode.isDemo: return [.jumpToNextAlert]
        case .character("[") where context.mode.isDemo: return [.jumpToPreviousAlert]
        case .character(".") where context.mode.isDemo: return [.step]
        case .character("<") where context.mode.isDemo: return [.nudge(-1)]
        case .character(">") where context.mode.isDemo: return [.nudge(1)]
        default: break
        }
        return []
    }

    private func editFilter(_ key: Key, view: inout ViewState) -> [ConsoleCommand] {
        switch key {
        case .enter:
            let draft = view.filterDraft ?? ""
            view.filters[view.focus] = draft.isEmpty ? nil : draft
            view.filterDraft = nil
        case .escape:
            view.filters[view.focus] = nil
            view.filterDraft = nil
        case .backspace:
            if view.filterDraft?.isEmpty == false { view.filterDraft?.removeLast() }
        case .character(let c) where !c.isNewline && DisplayWidth.of(c) > 0 && (view.filterDraft?.count ?? 0) < 60:
            view.filterDraft?.append(c)
        case .interrupt:
            return [.quit]
        default:
            break
        }
        return []
    }

    private func rows(of pane: PaneID, view: ViewState, state: ConsoleState, context: ScreenContext) -> [PaneRow] {
        PaneContent.of(pane, state: state, context: context, width: 80, height: 24, unfolded: view.unfoldedGroups)
            .rows(matching: view.filters[pane])
    }

    func selectedID(view: ViewState, state: ConsoleState, context: ScreenContext) -> String? {
        let rows = rows(of: view.focus, view: view, state: state, context: context)
        return Selection.index(of: view.selection[view.focus], in: rows).map { rows[$0].id }
    }

    private func move(by delta: Int, view: inout ViewState, state: ConsoleState, context: ScreenContext) {
        let rows = rows(of: view.focus, view: view, state: state, context: context)
        guard let current = Selection.index(of: view.selection[view.focus], in: rows) else { return }
        let target = min(max(0, current.addingReportingOverflow(delta).partialValue), rows.count - 1)
        view.selection[view.focus] = rows[target].id
    }

    private func pageRows(_ size: Size) -> Int { max(1, size.height / 2 - 4) }

    /// The selected open alert, or nil with a message saying why there is none.
    private func selectedOpenAlert(view: inout ViewState, state: ConsoleState, context: ScreenContext) -> Alert? {
        guard view.focus == .alerts else {
            view.message = "select an alert first: press 4 for the Alerts pane"
            return nil
        }
        guard let id = selectedID(view: view, state: state, context: context), let number = Int(id),
              let alert = state.alerts[number] else {
            view.message = "no alert selected"
            return nil
        }
        view.selection[.alerts] = id
        guard alert.isOpen else {
            view.message = "#\(number) is resolved; nothing to do"
            return nil
        }
        return alert
    }

    /// `a` acknowledges and `A` lets go at once; `e`, `R` and `s` open a prompt for the words.
    /// What was done is said once the store has it, not here.
    private func act(on key: Key, view: inout ViewState, state: ConsoleState, context: ScreenContext) -> [ConsoleCommand] {
        guard let alert = selectedOpenAlert(view: &view, state: state, context: context) else { return [] }
        func publish(_ kind: ActionKind) -> [ConsoleCommand] {
            [.publish(OperatorAction(alertId: alert.id, action: kind, actor: operatorName, channel: channel))]
        }
        switch key {
        case .character("a"):
            guard alert.state == .triggered else {
                view.message = "#\(alert.id) already acknowledged by \(alert.acknowledgedBy ?? "someone")"
                return []
            }
            return publish(.ack)
        case .character("A"):
            guard alert.state == .acknowledged else {
                view.message = "#\(alert.id) is not acknowledged"
                return []
            }
            return publish(.unack)
        case .character("e"): view.prompt = Prompt(.escalate, alert: alert)
        case .character("R"): view.prompt = Prompt(.resolve, alert: alert)
        default:
            if let silence = alert.silencedBy {
                view.message = "#\(alert.id) is already silenced by silence #\(silence); S lists silences"
                return []
            }
            view.prompt = Prompt(.silence, alert: alert)
        }
        return []
    }

    private func editPrompt(_ key: Key, view: inout ViewState) -> [ConsoleCommand] {
        guard var prompt = view.prompt else { return [] }
        switch prompt.handle(key) {
        case .editing:
            view.prompt = prompt
            return []
        case .cancelled:
            view.prompt = nil
            view.message = "cancelled"
            return []
        case .submitted:
            view.prompt = nil
            return [prompt.command(actor: operatorName, channel: channel)]
        }
    }

    private func browseSilences(_ key: Key, selected: Int, view: inout ViewState, state: ConsoleState) -> [ConsoleCommand] {
        let silences = SilenceList.sorted(state.alerting.silences.values, at: state.now)
        let last = max(0, silences.count - 1)
        switch key {
        case .escape, .enter, .character("S"): view.overlay = nil
        case .character("j"), .down: view.overlay = .silences(selected: min(selected + 1, last))
        case .character("k"), .up: view.overlay = .silences(selected: max(selected - 1, 0))
        case .character("x"):
            guard silences.indices.contains(selected), let now = state.now, silences[selected].isActive(at: now) else {
                view.message = "no active silence selected"
                return []
            }
            return [.expireSilence(SilenceExpiry(silenceId: silences[selected].id, actor: operatorName, channel: channel))]
        default: break
        }
        return []
    }

    /// `z` folds or unfolds the selected alert's group.
    private func toggleFold(view: inout ViewState, state: ConsoleState, context: ScreenContext) {
        guard view.focus == .alerts, let id = selectedID(view: view, state: state, context: context), let number = Int(id),
              let alert = state.alerts[number] else { return }
        let group = AlertsPane.groupName(alert, state: state)
        guard !group.isEmpty else { return }
        if view.unfoldedGroups.remove(group) == nil { view.unfoldedGroups.insert(group) }
    }
}
