import TallyCore

/// The top line: mode, UTC and local time, live events, open criticals, operator, and who
/// is first on call.
struct Header {
    var state: ConsoleState
    var context: ScreenContext

    func render(into canvas: inout Canvas, width: Int) {
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .header)
        let glyphs = context.glyphs
        let mode: String = switch context.mode {
        case .live: "LIVE"
        case .demo(let speed, let paused, let finished):
            "DEMO ×\(Int(speed)) " + (finished ? "END" : paused ? glyphs.paused : glyphs.playing)
        }
        let live = state.events.values.filter { $0.phase == .live }.count
        let criticals = state.alerts.values.filter { $0.isOpen && $0.severity == .critical }.count
        let roomy = width >= Layout.compact.width
        var items: [Table.Item] = roomy ? [Table.Item(" TALLY ", .headerAccent)] : []
        items += [
            Table.Item(" " + mode + " ", .headerAccent),
            Table.Item("  " + Labels.clock(context.now, seconds: true) + " UTC", .header),
        ]
        if roomy { items.append(Table.Item(" · " + Labels.clock(context.now, offset: context.utcOffsetSeconds) + " local", .header)) }
        items += [
            Table.Item("  live \(live)", .header),
            Table.Item("  ", .header),
            Table.Item((criticals > 0 ? glyphs.critical + " " : "") + "crit \(criticals)", criticals > 0 ? .critical : .header),
            Table.Item("  op \(context.operatorName)", .header),
        ]
        if roomy, let onCall = state.firstOnCall(at: context.now) { items.append(Table.Item("  on call \(onCall)", .header)) }
        Screen.writeItems(items, x: 0, y: 0, limit: width, into: &canvas)
        if let notice = context.notice {
            let text = " " + notice + " "
            let x = width - DisplayWidth.of(text)
            if x > 70 { canvas.write(text, x: x, y: 0, role: .warning) }
        }
    }
}
