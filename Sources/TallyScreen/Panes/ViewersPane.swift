import TallyCore

/// Viewer counts: the total and its peak, then each event's audience with its recent history;
/// a sudden drop sorts to the top, then a source gone stale (its last count shown dimmed, with
/// "stale since", never a zero). At large sizes, a chart of the total over the last hour.
enum ViewersPane {
    /// A fall of more than this fraction within a minute marks an event as dropping.
    static let dropThreshold = -0.2

    static func content(state: ConsoleState, context: ScreenContext, width: Int, height: Int) -> PaneContent {
        let glyphs = context.glyphs
        let watched = state.events.values.filter { ($0.viewers?.concurrent ?? 0) > 0 }
        func change(_ event: EventState) -> Double { event.viewerHistory.change(overLast: 2) ?? 0 }
        func staleSince(_ event: EventState) -> Instant? {
            state.alerting.openByKey[AlertKeys.viewersStale(event.id)].flatMap { state.alerts[$0]?.raisedAt }
        }
        typealias Order = (isDropping: Bool, isStale: Bool, viewers: Int, id: EventID)
        let events = watched.sorted(byKey: { (change($0) < dropThreshold, staleSince($0) != nil, $0.viewers?.concurrent ?? 0, $0.id) as Order }) { a, b in
            if a.isDropping != b.isDropping { return a.isDropping }
            if a.isStale != b.isStale { return a.isStale }
            return a.viewers != b.viewers ? a.viewers > b.viewers : a.id < b.id
        }
        let roomy = width >= PaneContent.roomyWidth
        let sparkWidth = roomy ? min(30, max(8, width - 58)) : max(6, min(12, width - 30))
        let columns: [Table.Column] = roomy
            ? [.init("Event", .flexible(minimum: 16)), .init("Viewers", .fixed(7), alignRight: true),
               .init("Peak", .fixed(7), alignRight: true), .init("Last 20 min", .fixed(sparkWidth)),
               .init("1 min", .fixed(6), alignRight: true), .init("Rebuf", .fixed(5), alignRight: true),
               .init("Joins/m", .fixed(7), alignRight: true)]
            : [.init("Event", .flexible(minimum: 8)), .init("Viewers", .fixed(7), alignRight: true),
               .init("20 min", .fixed(sparkWidth)), .init("1 min", .fixed(5), alignRight: true)]
        func cells(_ event: EventState) -> [Table.Item] {
            let viewers = event.viewers?.concurrent ?? 0
            let stale = staleSince(event)
            var cells = [Table.Item(event.title, .text), Table.Item(Figures.count(viewers), stale == nil ? .text : .dim)]
            if roomy { cells.append(Table.Item(Figures.count(event.peakViewers), .dim)) }
            if let stale {
                cells.append(Table.Item("stale since " + Labels.clock(stale, offset: context.utcOffsetSeconds), .warning))
                cells.append(Table.Item("?", .warning))
            } else {
                cells.append(Table.Item(Sparkline(values: event.viewerHistory.values, glyphs: glyphs).text(width: sparkWidth), .sparkline))
                cells.append(trendItem(change(event), glyphs: glyphs))
            }
            if roomy {
                let rebuffering = event.viewers?.rebufferingPercent ?? 0
                cells.append(Table.Item(Figures.decimal(rebuffering, places: 1) + "%", rebuffering > 5 ? .warning : .dim))
                cells.append(Table.Item(event.viewers?.joinsPerMinute.map(Figures.count) ?? "–", .dim))
            }
            return cells
        }
        let rows = PaneRow.rows(of: events, id: \.id, searchText: { "\($0.id) \($0.title)" }, cells: cells)
        let totals: [Table.Item] = [
            Table.Item("Total ", .dim), Table.Item(Figures.count(state.totalViewers), .headerAccent),
            Table.Item("  peak ", .dim), Table.Item(Figures.count(state.peakTotalViewers), .text),
            Table.Item("  1 min ", .dim), trendItem(state.audience.change(overLast: 1) ?? 0, glyphs: glyphs),
        ]
        let chartHeight = roomy && height >= 24 ? min(8, height / 3) : 0
        let preamble: PaneContent.Preamble = chartHeight > 0
            ? .chart(label: totals + [Table.Item("  · last hour", .dim)], values: state.audience.values, height: chartHeight)
            : .line(totals)
        return PaneContent(title: "3 Viewer counts · \(Figures.count(state.totalViewers))", columns: columns, rows: rows, preamble: preamble)
    }

    static func trendItem(_ change: Double, glyphs: Glyphs) -> Table.Item {
        let percent = Int(saturating: (change * 100).rounded())
        if percent == 0 { return Table.Item(glyphs.flat, .dim) }
        let text = (percent > 0 ? glyphs.up : glyphs.down) + "\(abs(percent))%"
        if change < dropThreshold { return Table.Item(text, .critical) }
        return Table.Item(text, percent > 0 ? .trendUp : .trendDown)
    }
}
