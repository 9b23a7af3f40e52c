import TallyCore

/// Alerts, worst first: open before resolved, unacknowledged before acknowledged, held
/// (silenced, muted) after those, then severity, then the viewers at risk, then newest. An
/// event's open alerts fold under its worst one with a count (`z` unfolds them).
enum AlertsPane {
    /// The pane, ordered and filled with `atRisk` (the viewers each open alert puts at risk, worked out once a frame).
    static func content(state: ConsoleState, context: ScreenContext, width: Int, unfolded: Set<String> = [],
                        atRisk: [AlertID: Int]? = nil) -> PaneContent {
        let glyphs = context.glyphs
        let roomy = width >= PaneContent.roomyWidth, wide = width >= Self.wideWidth
        let impactColumns: [Table.Column] = wide
            ? [.init("At risk", .fixed(7), alignRight: true), .init("Affected", .fixed(9), alignRight: true)]
            : [.init("Impact", .fixed(9), alignRight: true)]
        let columns: [Table.Column] = roomy
            ? [.init("#", .fixed(4), alignRight: true), .init("Sev", .fixed(7)), .init("Age", .fixed(4), alignRight: true),
               .init("Summary", .flexible(minimum: 20))] + impactColumns
               + [.init("Seen", .fixed(4), alignRight: true), .init("State", .fixed(12)), .init("Lvl", .fixed(3))]
            : [.init("Sev", .fixed(6)), .init("Age", .fixed(3), alignRight: true), .init("Summary", .flexible(minimum: 8)),
               .init("State", .fixed(8)), .init("L", .fixed(2))]
        let atRisk = atRisk ?? ViewersAtRisk.byAlert(in: state)
        func cells(_ shown: Shown) -> [Table.Item] {
            let alert = shown.alert
            let isResolved = alert.state == .resolved
            let quiet = isResolved || alert.isHeld
            let textRole: StyleRole = isResolved ? .resolved : alert.isHeld ? .dim : .text
            let severity = Table.Item(glyphs.symbol(for: alert.severity) + " " + Labels.severity(alert.severity),
                                      quiet ? textRole : StyleRole(alert.severity))
            let age = Table.Item(Figures.duration(context.now.seconds(since: alert.raisedAt)), textRole)
            let summary = Table.Item(shown.marker + alert.summary, textRole)
            let state = stateItem(alert, glyphs: glyphs, roomy: roomy)
            let level = Table.Item("L\(alert.escalationLevel)", alert.escalationLevel > 1 && !quiet ? .warning : .dim)
            let cells = roomy
                ? [Table.Item("\(alert.id)", .dim), severity, age, summary] + impact(alert, atRisk: atRisk[alert.id], wide: wide, now: context.now, role: textRole)
                   + [Table.Item("×\(alert.count)", .dim), state, level]
                : [severity, age, summary, state, level]
            return cells
        }
        let rows = PaneRow.rows(of: folded(sorted(state.alerts.values, atRisk: atRisk), state: state, unfolded: unfolded), id: { "\($0.alert.id)" },
                                searchText: { "#\($0.alert.id) \($0.alert.summary) \($0.alert.raised.dedupKey) \($0.alert.acknowledgedBy ?? "")" },
                                cells: cells)
        let open = state.alerts.values.filter(\.isOpen)
        let unacknowledged = open.filter { $0.state == .triggered && !$0.isHeld }.count
        let held = open.filter(\.isHeld).count
        return PaneContent(title: "4 Alerts · \(open.count) open · \(unacknowledged) new" + (held > 0 ? " · \(held) held" : ""),
                           columns: columns, rows: rows)
    }

    /// The name of the group `alert` folds into (its event), or "" when it has none.
    static func groupName(_ alert: Alert, state: ConsoleState) -> String {
        state.alerting.groupKey(of: alert).filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// An alert as listed: a group's lead carries the fold marker and count.
    struct Shown {
        var alert: Alert
        var marker = ""
    }

    /// Folds each group of two or more open alerts into its first (worst) one, unless unfolded.
    static func folded(_ alerts: [Alert], state: ConsoleState, unfolded: Set<String>) -> [Shown] {
        let groups = alerts.map { $0.isOpen ? groupName($0, state: state) : "" }
        var members: [String: Int] = [:]
        for group in groups where !group.isEmpty { members[group, default: 0] += 1 }
        var led: Set<String> = []
        var shown: [Shown] = []
        for (alert, group) in zip(alerts, groups) {
            let count = members[group] ?? 0
            guard count > 1 else {
                shown.append(Shown(alert: alert))
                continue
            }
            let isOpen = unfolded.contains(group)
            if led.insert(group).inserted {
                shown.append(Shown(alert: alert, marker: (isOpen ? "▾" : "▸") + "\(count) "))
            } else if isOpen {
                shown.append(Shown(alert: alert, marker: "  "))
            }
        }
        return shown
    }

    /// From this width the pane shows the viewers at risk and the viewer-minutes affected side
    /// by side; narrower, one column shows the viewers at risk of an open alert and the
    /// viewer-minutes of a closed one.
    static let wideWidth = 96

    static func impact(_ alert: Alert, atRisk: Int?, wide: Bool, now: Instant, role: StyleRole) -> [Table.Item] {
        let atRiskText = atRisk.map(Figures.count) ?? ""
        if wide { return [Table.Item(atRiskText, role), Table.Item(affected(alert, now: now), role)] }
        return [Table.Item(atRisk == nil ? affected(alert, now: now) : atRiskText, role)]
    }

    /// `4.1M·min`, the viewer-minutes an alert has affected; empty when none.
    static func affected(_ alert: Alert, now: Instant) -> String {
        guard let minutes = alert.impact?.viewerMinutes(at: alert.resolvedAt ?? now), minutes >= 0.5 else { return "" }
        return Figures.viewerMinutes(minutes)
    }

    static func sorted(_ alerts: some Sequence<Alert>, atRisk: [AlertID: Int] = [:]) -> [Alert] {
        func stateOrder(_ alert: Alert) -> Int {
            switch alert.state {
            case .triggered: alert.isHeld ? 2 : 0
            case .acknowledged: alert.isHeld ? 2 : 1
            case .resolved: 3
            }
        }
        typealias Order = (state: Int, severity: Severity, atRisk: Int, raisedAt: Instant, id: AlertID)
        return alerts.sorted(byKey: { (stateOrder($0), $0.severity, atRisk[$0.id, default: 0], $0.raisedAt, $0.id) as Order }) { a, b in
            if a.state != b.state { return a.state < b.state }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.atRisk != b.atRisk { return a.atRisk > b.atRisk }
            return a.raisedAt != b.raisedAt ? a.raisedAt > b.raisedAt : a.id > b.id
        }
    }

    private static func stateItem(_ alert: Alert, glyphs: Glyphs, roomy: Bool) -> Table.Item {
        if alert.isOpen, let silence = alert.silencedBy {
            return Table.Item(roomy ? "SILENCED s\(silence)" : "SILENCED", .dim)
        }
        if alert.isOpen, let source = alert.inhibitedBy {
            return Table.Item(roomy ? "MUTED by #\(source)" : "MUTED", .dim)
        }
        let flapping = alert.isFlapping ? (roomy ? " FLAPPING" : "≈") : ""
        switch alert.state {
        case .triggered:
            return Table.Item((alert.escalation.isExhausted ? "EXHAUSTED" : "NEW") + flapping, StyleRole(alert.severity))
        case .acknowledged:
            return Table.Item((roomy ? "ACK " : glyphs.acknowledged) + (alert.acknowledgedBy ?? "") + flapping, .acknowledged)
        case .resolved:
            return Table.Item(alert.resolvedBy.map { "resolved \($0)" } ?? "resolved", .resolved)
        }
    }
}
