import TallyCore

/// The footer's answer to this console's own action, written once the action is applied and
/// stored: what was done, or why it was refused.
public enum Receipt {
    public static func message(for event: BusEvent, outcome: AlertingOutcome, state: ConsoleState) -> String? {
        if let rejection = outcome.rejection { return rejection }
        switch event {
        case .operatorAction(let action):
            let id = outcome.records.first?.alertId ?? action.alertId
            switch action.action {
            case .ack: return "acknowledged #\(id) as \(action.actor)"
            case .unack: return "un-acknowledged #\(id); escalation resumes"
            case .escalate:
                guard let alert = state.alerts[id] else { return "escalated #\(id)" }
                let targets = alert.escalation.policy.levels[alert.escalationLevel - 1].targets.joined(separator: ", ")
                return "escalated #\(id) to L\(alert.escalationLevel): \(targets) told"
            case .resolve: return "resolved #\(id)"
            case .note: return "noted on #\(id)"
            case .silence: return silenced(outcome)
            }
        case .silenceCreated: return silenced(outcome)
        case .silenceExpired(let expiry): return "expired silence s\(expiry.silenceId)"
        case .handoverWritten(let handover): return "handover saved: \(handover.path)"
        case .checklistTicked(let tick):
            let title = state.events[tick.eventId]?.title ?? tick.eventId
            return (tick.ticked ? "ticked" : "unticked") + " “\(tick.item)” (\(tick.step)) · \(title)"
        default: return nil
        }
    }

    private static func silenced(_ outcome: AlertingOutcome) -> String? {
        guard let created = outcome.records.first(where: { $0.action == .silenceCreated }), let id = created.silenceId else { return nil }
        let held = outcome.records.filter { $0.action == .silenced }.count
        let until = created.expiresAt.map { " until " + $0.utcHourMinute + "Z" } ?? ""
        return "silence s\(id) holds \(held) alert\(held == 1 ? "" : "s")\(until)"
    }
}
