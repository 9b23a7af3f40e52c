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
        view.message = nil
        if key == .interrupt || key == .character("q") { return [.quit] }
        if view.overlay != nil {
            if key == .escape || key == .enter || key == .character("?") { view.overlay = nil }
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
        case .character("g"), .home: move(by: Int.min / 2, view: &view, state: state, context: context)
        case .character("G"), .end: move(by: Int.max / 2, view: &view, state: state, context: context)
        case .enter:
            if let id = selectedID(view: view, state: state, context: context) {
                view.overlay = .detail(view.focus, itemID: id)
            }
        case .character("?"): view.overlay = .help
        case .character("/"): view.filterDraft = view.filters[view.focus] ?? ""
        case .escape: view.filters[view.focus] = nil
        case .character("a"): return act(.ack, view: &view, state: state, context: context)
        case .character("e"): return act(.escalate, view: &view, state: state, context: context)
        case .character("t"): return [.cycleTheme]
        case .character(" ") where context.mode.isDemo: return [.togglePause]
        case .character("+") where context.mode.isDemo, .character("=") where context.mode.isDemo: return [.faster]
        case .character("-") where context.mode.isDemo: return [.slower]
        case .character("]") where context.mode.isDemo: return [.jumpToNextAlert]
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
        PaneContent.of(pane, state: state, context: context, width: 80, height: 24).rows(matching: view.filters[pane])
    }

    private func selectedID(view: ViewState, state: ConsoleState, context: ScreenContext) -> String? {
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

    private func act(_ kind: ActionKind, view: inout ViewState, state: ConsoleState, context: ScreenContext) -> [ConsoleCommand] {
        guard view.focus == .alerts else {
            view.message = "select an alert first: press 4 for the Alerts pane"
            return []
        }
        guard let id = selectedID(view: view, state: state, context: context), let number = Int(id),
              let alert = state.alerts[number] else {
            view.message = "no alert selected"
            return []
        }
        view.selection[.alerts] = id
        switch (kind, alert.state) {
        case (_, .resolved):
            view.message = "#\(number) is resolved; nothing to do"
            return []
        case (.ack, .acknowledged):
            view.message = "#\(number) already acknowledged by \(alert.acknowledgedBy ?? "someone")"
            return []
        case (.ack, _):
            view.message = "acknowledged #\(number) as \(operatorName)"
        default:
            view.message = "escalated #\(number) to level \(alert.escalationLevel + 1)"
        }
        return [.publish(OperatorAction(alertId: number, action: kind, actor: operatorName, channel: channel))]
    }
}
