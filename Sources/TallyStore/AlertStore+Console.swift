import TallyCore

extension AlertStore {
    /// A console state carrying on from the store: the engine and each kept alert's timeline.
    public func restoredConsole(rules: AlertRules, roster: Roster) throws -> ConsoleState {
        let engine = try restore(rules: rules)
        var timelines: [AlertID: [AuditRecord]] = [:]
        for id in engine.alerts.keys {
            timelines[id] = try audit(alert: id, limit: ConsoleState.timelineLength)
        }
        return ConsoleState(restoring: engine, timelines: timelines, roster: roster)
    }
}
