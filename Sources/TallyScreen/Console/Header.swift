import TallyCore

/// The top line: mode, UTC and local time, live events, open criticals, the viewers open alerts
/// put at risk, operator, and who is first on call.
struct Header {
    var state: ConsoleState
    var context: ScreenContext
    /// The viewers open alerts put at risk (worked out with the panes).
    var viewersAtRisk: Int

    func render(into canvas: inout Canvas, width: Int) {
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .header)
        let glyphs = context.glyphs
        let mode: String = switch context.mode {
        case .live: "LIVE"
        case .demo(let speed, let paused, let finished):
            "DEMO ×\(speed < 1 ? String(speed) : String(Int(saturating: speed))) " + (finished ? "END" : paused ? glyphs.paused : glyphs.playing)
        case .attached: "ATTACHED"
        }
        let live = state.events.values.filter { $0.phase == .live }.count
        let criticals = state.alerts.values.filter { $0.isOpen && $0.severity == .critical }.count
        let roomy = width >= Layout.compact.width
        var items: [Table.Item] = roomy ? [Table.Item(" TALLY ", .headerAccent)] : []
        items += [
            Table.Item(" " + mode + " ", .headerAccent),
        ]
        items += linkItems()
        items.append(Table.Item("  " + Labels.clock(context.now, seconds: true) + " UTC", .header))
        if roomy { items.append(Table.Item(" · " + Labels.clock(context.now, offset: context.utcOffsetSeconds) + " local", .header)) }
        items += [
            Table.Item("  live \(live)", .header),
            Table.Item("  ", .header),
            Table.Item((criticals > 0 ? glyphs.critical + " " : "") + "crit \(criticals)", criticals > 0 ? .critical : .header),
        ]
        if roomy, viewersAtRisk > 0 { items.append(Table.Item("  at risk " + Figures.count(viewersAtRisk), .warning)) }
        items.append(Table.Item("  op \(context.operatorName)", .header))
        if roomy, let onCall = state.firstOnCall(at: context.now) { items.append(Table.Item("  on call \(onCall)", .header)) }
        Screen.writeItems(items, x: 0, y: 0, limit: width, into: &canvas)
        if let notice = context.notice {
            let text = " " + notice + " "
            let x = width - DisplayWidth.of(text)
            if x > 70 { canvas.write(text, x: x, y: 0, role: .warning) }
        }
    }

    /// A shared room: each site heard (●) or not for a while (○ and how long), and which site decides.
    private func roomItems(_ room: RoomLine) -> [Table.Item] {
        if let isolated = room.isolatedSeconds {
            let actions = room.queuedActions == 1 ? "1 action" : "\(room.queuedActions) actions"
            return [Table.Item(" ISOLATED \(Figures.duration(Double(isolated))) · \(actions) queued ", .critical)]
        }
        guard room.isLinked else { return [Table.Item(" JOINING THE ROOM · \(room.queued) queued ", .warning)] }
        var items = room.sites.map { site in
            site.heard <= RoomLine.heardWithinSeconds
                ? Table.Item(" \(site.name) \(context.glyphs.heard)", .header)
                : Table.Item(" \(site.name) \(context.glyphs.unheard) \(Figures.duration(Double(site.heard)))", .warning)
        }
        items.append(room.decides.map { Table.Item(" · decides \($0)", .header) } ?? Table.Item(" NO SITE DECIDES ", .critical))
        return items
    }

    /// The link to the hub (attached consoles), refused input, and a slow terminal.
    private func linkItems() -> [Table.Item] {
        var items: [Table.Item] = []
        if case .attached(let link) = context.mode {
            switch link.state {
            case .connected: items.append(Table.Item(" link ok", .header))
            case .reconnecting(let seconds): items.append(Table.Item(" RECONNECTING \(seconds)s ", .critical))
            case .refused(let reason): items.append(Table.Item(" REFUSED: \(reason) ", .critical))
            }
            if link.isReadOnly { items.append(Table.Item(" VIEW ONLY ", .warning)) }
            if link.isPlaintext { items.append(Table.Item(" PLAINTEXT ", .warning)) }
            if link.rejected > 0 { items.append(Table.Item(" rej \(link.rejected) ", .warning)) }
            if let room = link.room { items += roomItems(room) }
        }
        if context.isOutputSlow { items.append(Table.Item(" slow link ", .warning)) }
        return items
    }
}
