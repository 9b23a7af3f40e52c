import GRDB
import TallyCore

extension AlertStore {
    /// A console state carrying on from the store: the engine, each kept alert's timeline, and
    /// the ticked checklist items.
    public func restoredConsole(rules: AlertRules, roster: Roster) throws -> ConsoleState {
        let engine = try restore(rules: rules)
        var timelines: [AlertID: [AuditRecord]] = [:]
        for id in engine.alerts.keys {
            timelines[id] = try audit(alert: id, limit: ConsoleState.timelineLength)
        }
        return ConsoleState(restoring: engine, timelines: timelines, checklists: try checklists(), roster: roster)
    }

    /// Every ticked checklist item, by event.
    public func checklists() throws -> [EventID: [ChecklistItemID: ChecklistMark]] {
        try writer.read { db in
            var marks: [EventID: [ChecklistItemID: ChecklistMark]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT event_id, step, item, actor, at FROM checklist") {
                let at = AuditRow.instant(row["at"]) ?? Instant(millisecondsSinceEpoch: 0)
                marks[row["event_id"], default: [:]][ChecklistItemID(step: row["step"], item: row["item"])] = ChecklistMark(actor: row["actor"], at: at)
            }
            return marks
        }
    }
}
