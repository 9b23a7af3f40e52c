import TallyCore

/// Turns key presses into view changes and commands, through the key table. Pure: the state
/// is only read.
public struct Keymap {
    public var operatorName: String
    /// The console id carried as the action's channel.
    public var channel: String
    public var bindings: KeyBindings
    /// The themes `:theme` completes.
    public var themeNames: [String]

    public init(operatorName: String, channel: String = "key", bindings: KeyBindings = .standard, themeNames: [String] = []) {
        self.operatorName = operatorName
        self.channel = channel
        self.bindings = bindings
        self.themeNames = themeNames
    }

    /// Answers `key`. `rows` are the panes as this frame draws them (worked out at `size` when not given).
    public func handle(_ key: Key, view: inout ViewState, state: ConsoleState, context: ScreenContext, size: Size,
                       rows: PaneRows? = nil) -> [ConsoleCommand] {
        if view.filterDraft != nil { return editFilter(key, view: &view) }
        if view.commandDraft != nil { return editCommandLine(key, view: &view, state: state, context: context) }
        if view.prompt != nil { return editPrompt(key, view: &view) }
        let command = bindings.command(for: key, isReplay: context.mode.isDemo)
        if key == .interrupt || command == .quit { return [.quit] }
        if case .silences(let selected) = view.overlay { return browseSilences(key, selected: selected, view: &view, state: state) }
        if case .document(let document) = view.overlay { return scroll(document, key: key, view: &view, size: size) }
        if case .checklist(let event, let selected) = view.overlay {
            return browseChecklist(key, event: event, selected: selected, view: &view, state: state)
        }
        if view.overlay != nil {
            if key == .escape || key == .enter || command == .help || command == view.overlay?.openedBy { view.overlay = nil }
            return []
        }
        guard let command else { return [] }
        let panes = rows ?? PaneRows(state: state, view: view, context: context, size: size)
        return run(command, view: &view, state: state, rows: panes.rows(of: view.focus), size: size)
    }

    /// What a bound command does, on the focused pane's rows as drawn.
    private func run(_ command: KeyCommand, view: inout ViewState, state: ConsoleState, rows: [PaneRow], size: Size) -> [ConsoleCommand] {
        switch command {
        case .nextPane: view.focus = view.focus.next
        case .previousPane: view.focus = view.focus.previous
        case .eventsPane: view.focus = .events
        case .feedsPane: view.focus = .feeds
        case .viewersPane: view.focus = .viewers
        case .alertsPane: view.focus = .alerts
        case .down: move(by: 1, view: &view, rows: rows)
        case .up: move(by: -1, view: &view, rows: rows)
        case .pageDown: move(by: pageRows(size), view: &view, rows: rows)
        case .pageUp: move(by: -pageRows(size), view: &view, rows: rows)
        case .first: move(by: Int.min / 2, view: &view, rows: rows)
        case .last: move(by: Int.max / 2, view: &view, rows: rows)
        case .details:
            if let id = selectedID(view: view, rows: rows) { view.overlay = .detail(view.focus, itemID: id) }
        case .help: view.overlay = .help
        case .filter: view.filterDraft = view.filters[view.focus] ?? ""
        case .clearFilter: view.filters[view.focus] = nil
        case .commandLine: view.commandDraft = ""
        case .ack, .unack, .escalate, .resolve, .silence:
            return act(command, view: &view, state: state, rows: rows)
        case .silences: view.overlay = .silences(selected: 0)
        case .checklist: return openChecklist(view: &view, state: state, rows: rows)
        case .handover: view.prompt = .handover()
        case .rundown: view.overlay = .rundown
        case .report: return [.openReport]
        case .runbook:
            guard view.focus == .alerts, let id = selectedID(view: view, rows: rows), let number = Int(id) else {
                return [.say(Refusal.noAlertsPane.message)]
            }
            return [.openRunbook(number)]
        case .fold: toggleFold(view: &view, state: state, rows: rows)
        case .theme: return [.cycleTheme]
        case .quit: return [.quit]
        case .pause: return [.togglePause]
        case .step: return [.step]
        case .faster: return [.faster]
        case .slower: return [.slower]
        case .nextAlert: return [.jumpToNextAlert]
        case .previousAlert: return [.jumpToPreviousAlert]
        case .goTo: view.prompt = .seek()
        case .back: return [.nudge(-1)]
        case .ahead: return [.nudge(1)]
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

    func selectedID(view: ViewState, rows: [PaneRow]) -> String? {
        Selection.index(of: view.selection[view.focus], in: rows).map { rows[$0].id }
    }

    private func move(by delta: Int, view: inout ViewState, rows: [PaneRow]) {
        guard let current = Selection.index(of: view.selection[view.focus], in: rows) else { return }
        let target = min(max(0, current.addingReportingOverflow(delta).partialValue), rows.count - 1)
        view.selection[view.focus] = rows[target].id
    }

    private func pageRows(_ size: Size) -> Int { max(1, size.height / 2 - 4) }

    /// Why a key did nothing, for the footer.
    struct Refusal: Error {
        var message: String

        static let noAlertsPane = Refusal(message: "select an alert first: press 4 for the Alerts pane")
    }

    /// The selected open alert, or why there is none.
    func selectedOpenAlert(view: inout ViewState, state: ConsoleState, rows: [PaneRow]) -> Result<Alert, Refusal> {
        guard view.focus == .alerts else { return .failure(.noAlertsPane) }
        guard let id = selectedID(view: view, rows: rows), let number = Int(id), let alert = state.alerts[number] else {
            return .failure(Refusal(message: "no alert selected"))
        }
        view.selection[.alerts] = id
        guard alert.isOpen else { return .failure(Refusal(message: "#\(number) is resolved; nothing to do")) }
        return .success(alert)
    }

    /// `a` acknowledges and `A` lets go at once; `e`, `R` and `s` open a prompt for the words.
    /// What was done is said once the store has it, not here.
    private func act(_ command: KeyCommand, view: inout ViewState, state: ConsoleState, rows: [PaneRow]) -> [ConsoleCommand] {
        let alert: Alert
        switch selectedOpenAlert(view: &view, state: state, rows: rows) {
        case .success(let selected): alert = selected
        case .failure(let refusal): return [.say(refusal.message)]
        }
        switch command {
        case .ack, .unack:
            return acknowledge(alert, letGo: command == .unack)
        case .escalate: view.prompt = Prompt(.escalate, alert: alert)
        case .resolve: view.prompt = Prompt(.resolve, alert: alert)
        default:
            if let silence = alert.silencedBy {
                return [.say("#\(alert.id) is already silenced by silence #\(silence); S lists silences")]
            }
            view.prompt = Prompt(.silence, alert: alert)
        }
        return []
    }

    /// Acknowledges `alert`, or lets its acknowledgement go; nothing, with the reason, when it cannot be.
    func acknowledge(_ alert: Alert, letGo: Bool, note: String? = nil) -> [ConsoleCommand] {
        if letGo {
            guard alert.state == .acknowledged else { return [.say("#\(alert.id) is not acknowledged")] }
        } else {
            guard alert.state == .triggered else {
                return [.say("#\(alert.id) already acknowledged by \(alert.owner)")]
            }
        }
        return [.publish(OperatorAction(alertId: alert.id, action: letGo ? .unack : .ack, actor: operatorName, channel: channel, comment: note))]
    }

    private func editPrompt(_ key: Key, view: inout ViewState) -> [ConsoleCommand] {
        guard var prompt = view.prompt else { return [] }
        switch prompt.handle(key) {
        case .editing:
            view.prompt = prompt
            return []
        case .cancelled:
            view.prompt = nil
            return [.say("cancelled")]
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
                return [.say("no active silence selected")]
            }
            return [.expireSilence(SilenceExpiry(silenceId: silences[selected].id, actor: operatorName, channel: channel))]
        default: break
        }
        return []
    }

    /// `z` folds or unfolds the selected alert's group.
    private func toggleFold(view: inout ViewState, state: ConsoleState, rows: [PaneRow]) {
        guard view.focus == .alerts, let id = selectedID(view: view, rows: rows), let number = Int(id),
              let alert = state.alerts[number] else { return }
        let group = AlertsPane.groupName(alert, state: state)
        guard !group.isEmpty else { return }
        if view.unfoldedGroups.remove(group) == nil { view.unfoldedGroups.insert(group) }
    }
}
