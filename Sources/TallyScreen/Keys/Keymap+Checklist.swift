import TallyCore

extension Keymap {
    /// `c` opens the checklist of the selected event (from the events or viewers pane), or of
    /// the event of the selected feed or alert.
    func openChecklist(view: inout ViewState, state: ConsoleState, rows: [PaneRow]) -> [ConsoleCommand] {
        guard let id = selectedID(view: view, rows: rows) else { return [.say("select an event first")] }
        let event: EventID? = switch view.focus {
        case .events, .viewers: id
        case .feeds: state.feeds[id]?.eventId
        case .alerts: Int(id).flatMap { state.alerts[$0]?.raised.labels["event"] }
        }
        guard let event, state.events[event] != nil else { return [.say("no event for this row")] }
        view.overlay = .checklist(event, selected: 0)
        return []
    }

    func browseChecklist(_ key: Key, event: EventID, selected: Int, view: inout ViewState, state: ConsoleState) -> [ConsoleCommand] {
        let entries = state.checklist(of: event)?.entries ?? []
        let last = max(0, entries.count - 1)
        switch key {
        case .escape, .character("c"): view.overlay = nil
        case .character("j"), .down: view.overlay = .checklist(event, selected: min(selected + 1, last))
        case .character("k"), .up: view.overlay = .checklist(event, selected: max(selected - 1, 0))
        case .character(" "), .enter, .character("x"), .character("u"):
            guard entries.indices.contains(selected) else { return [] }
            let entry = entries[selected]
            let ticking = key != .character("u")
            guard entry.isTicked != ticking else {
                return [.say(ticking ? "already ticked by \(entry.mark?.actor ?? "someone"); u takes it back" : "not ticked")]
            }
            return [.tickChecklist(ChecklistTick(eventId: event, step: entry.id.step, item: entry.id.item,
                                                 actor: operatorName, channel: channel, ticked: ticking))]
        default: break
        }
        return []
    }
}
