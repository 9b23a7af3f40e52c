import TallyCore

/// The checklist overlay (`c` on an event): its items by rundown step, ticked ones with who
/// and when, overdue ones marked; space or Enter ticks the selected item, `u` takes a tick back.
enum ChecklistLines {
    static func title(event: EventState) -> String { "Checklist · " + event.title }

    static func lines(event: EventState, checklist: Checklist, selected: Int, context: ScreenContext) -> [Table.Item] {
        guard !checklist.isEmpty else {
            return [Table.Item("No checklist: this event's rundown has none (see rundown: in tally.yaml).", .dim)]
        }
        var lines = [Table.Item("\(checklist.ticked) of \(checklist.entries.count) done"
                                + (event.step.map { " · now: " + $0 } ?? ""), .overlayTitle)]
        var step: String?
        for (index, entry) in checklist.entries.enumerated() {
            if entry.id.step != step {
                step = entry.id.step
                let due = entry.due.map { " · due " + Labels.clock($0, offset: context.utcOffsetSeconds) } ?? ""
                lines.append(Table.Item(entry.id.step + due, .overlay))
            }
            let pointer = index == selected ? "▸ " : "  "
            let box = entry.isTicked ? "[x] " : "[ ] "
            var text = pointer + box + entry.id.item
            if let mark = entry.mark { text += "  · " + mark.actor + " " + Labels.clock(mark.at, offset: context.utcOffsetSeconds) }
            let overdue = entry.isOverdue(at: context.now)
            if overdue { text += "  · OVERDUE" }
            let role: StyleRole = index == selected ? .selection : overdue ? .warning : entry.isTicked ? .dim : .overlay
            lines.append(Table.Item(text, role))
        }
        return lines
    }
}
