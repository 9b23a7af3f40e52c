import TallyCore

/// Alerts, worst first: open before resolved, unacknowledged before acknowledged, then severity,
/// then newest.
enum AlertsPane {
    static func content(state: ConsoleState, context: ScreenContext, width: Int) -> PaneContent {
        let glyphs = context.glyphs
        let alerts = sorted(state.alerts.values)
        let roomy = width >= PaneContent.roomyWidth
        let columns: [Table.Column] = roomy
            ? [.init("#", .fixed(4), alignRight: true), .init("Sev", .fixed(7)), .init("Age", .fixed(4), alignRight: true),
               .init("Summary", .flexible(minimum: 20)), .init("Seen", .fixed(4), alignRight: true),
               .init("State", .fixed(14)), .init("Lvl", .fixed(3))]
            : [.init("Sev", .fixed(6)), .init("Age", .fixed(3), alignRight: true), .init("Summary", .flexible(minimum: 8)),
               .init("State", .fixed(8)), .init("L", .fixed(2))]
        let rows = alerts.map { alert -> PaneRow in
            let isResolved = alert.state == .resolved
            let severityRole: StyleRole = isResolved ? .resolved : StyleRole(alert.severity)
            let severity = Table.Item(glyphs.symbol(for: alert.severity) + " " + Labels.severity(alert.severity), severityRole)
            let age = Table.Item(Figures.duration(context.now.seconds(since: alert.raisedAt)), isResolved ? .resolved : .text)
            let summary = Table.Item(alert.summary, isResolved ? .resolved : .text)
            let state = stateItem(alert, glyphs: glyphs, roomy: roomy)
            let level = Table.Item("L\(alert.escalationLevel)", alert.escalationLevel > 1 ? .warning : .dim)
            let cells = roomy
                ? [Table.Item("\(alert.id)", .dim), severity, age, summary,
                   Table.Item("×\(alert.count)", .dim), state, level]
                : [severity, age, summary, state, level]
            return PaneRow(id: "\(alert.id)", searchText: "#\(alert.id) \(alert.summary) \(alert.raised.dedupKey) \(alert.acknowledgedBy ?? "")", cells: cells)
        }
        let open = state.alerts.values.filter(\.isOpen)
        let unacknowledged = open.filter { $0.state == .triggered }.count
        return PaneContent(title: "4 Alerts · \(open.count) open · \(unacknowledged) new", columns: columns, rows: rows)
    }

    static func sorted(_ alerts: some Sequence<Alert>) -> [Alert] {
        alerts.sorted { a, b in
            func stateOrder(_ alert: Alert) -> Int {
                switch alert.state {
                case .triggered: 0
                case .acknowledged: 1
                case .resolved: 2
                }
            }
            if stateOrder(a) != stateOrder(b) { return stateOrder(a) < stateOrder(b) }
            if a.severity != b.severity { return a.severity > b.severity }
            return a.raisedAt != b.raisedAt ? a.raisedAt > b.raisedAt : a.id > b.id
        }
    }

    private static func stateItem(_ alert: Alert, glyphs: Glyphs, roomy: Bool) -> Table.Item {
        switch alert.state {
        case .triggered: Table.Item("NEW", StyleRole(alert.severity))
        case .acknowledged:
            Table.Item((roomy ? "ACK " : glyphs.acknowledged) + (alert.acknowledgedBy ?? ""), .acknowledged)
        case .resolved: Table.Item(alert.resolvedBy.map { "resolved \($0)" } ?? "resolved", .resolved)
        }
    }
}
