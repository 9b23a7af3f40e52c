import TallyCore

/// Feed health, worst first: down, degraded, unknown, then healthy; off-air feeds last.
enum FeedsPane {
    static func content(state: ConsoleState, context: ScreenContext, width: Int) -> PaneContent {
        let glyphs = context.glyphs
        func isOffAir(_ feed: FeedState) -> Bool {
            guard let phase = state.events[feed.eventId]?.phase else { return true }
            return phase == .ended || phase == .post || phase == .scheduled
        }
        typealias Order = (isOffAir: Bool, status: FeedStatus, since: Instant?, id: FeedID)
        func order(_ feed: FeedState) -> Order { (isOffAir(feed), feed.status, feed.statusSince, feed.id) }
        func worstFirst(_ a: Order, _ b: Order) -> Bool {
            if a.isOffAir != b.isOffAir { return !a.isOffAir }
            if a.status != b.status { return a.status > b.status }
            if a.status != .ok, a.since != b.since {
                return (a.since ?? .init(millisecondsSinceEpoch: 0)) > (b.since ?? .init(millisecondsSinceEpoch: 0))
            }
            return a.id < b.id
        }
        // Feeds of events folded out of the events pane are folded here too, unless failing.
        let current = EventsPane.currentEvents(state: state, health: EventHealth(state), now: context.now)
        var feeds: [FeedState] = [], hidden: [FeedState] = []
        for feed in state.feeds.values {
            if current.contains(feed.eventId) || feed.status == .down || feed.status == .degraded { feeds.append(feed) } else { hidden.append(feed) }
        }
        feeds = feeds.sorted(byKey: order, worstFirst)
        let roomy = width >= PaneContent.roomyWidth
        // Once content checks report, their column takes the place of download time and errors (kept in the feed detail).
        let checked = roomy && width >= ContentCells.paneWidth && state.feeds.values.contains { $0.content != nil }
        let transport: [Table.Column] = checked ? [ContentCells.column]
            : [.init("DL", .fixed(4), alignRight: true), .init("Err", .fixed(3), alignRight: true)]
        // The live edge's lag behind the clock, once a playlist carries program date times, where it fits.
        let lagging = roomy && width >= (checked ? ContentCells.paneWidth : PaneContent.roomyWidth + 17) + 6
            && state.feeds.values.contains { $0.lastSample?.latency != nil }
        let columns: [Table.Column] = roomy
            ? [.init("Status", .fixed(6)), .init("Event", .flexible(minimum: 14)), .init("Role", .fixed(7)),
               .init("Path", .fixed(9)), .init("Age", .fixed(5), alignRight: true), .init("Rate", .fixed(5), alignRight: true)]
                + (lagging ? [.init("Lat", .fixed(5), alignRight: true)] : []) + transport + [.init("Reason", .flexible(minimum: 16))]
            : [.init("Status", .fixed(6)), .init("Feed", width < 50 ? .fixed(15) : .flexible(minimum: 15)),
               .init("Detail", .flexible(minimum: 6))]
        func cells(_ feed: FeedState) -> [Table.Item] {
            let role = StyleRole(feed.status)
            let status = Table.Item(glyphs.symbol(for: feed.status) + " " + Labels.status(feed.status), role)
            let sample = feed.lastSample
            let reason = feed.reasons.joined(separator: "; ")
            let title = state.events[feed.eventId]?.title ?? feed.eventId
            var cells: [Table.Item]
            if roomy {
                cells = [status, Table.Item(title, isOffAir(feed) ? .dim : .text),
                         Table.Item(feed.descriptor.role.rawValue, .text), Table.Item(Labels.route(of: feed.descriptor), .dim),
                         Table.Item(sample.map { Figures.decimal($0.playlistAge, places: 1) + "s" } ?? "–", .text),
                         Table.Item(sample.map { Labels.megabits($0.measuredBitrate) } ?? "–", .text)]
                if lagging { cells.append(Table.Item(sample?.latency.map(Self.latency) ?? "–", .text)) }
                cells += checked ? [ContentCells.item(feed.content, now: context.now, glyphs: glyphs)]
                    : [Table.Item(sample.map { Figures.decimal($0.segmentDownloadTime, places: 1) } ?? "–", .dim),
                       Table.Item(sample.map { "\($0.errors)" } ?? "–", (sample?.errors ?? 0) > 0 ? role : .dim)]
                cells.append(Table.Item(reason, role))
            } else {
                let name = (width < 50 ? feed.eventId : title) + " " + Labels.shortName(of: feed.descriptor)
                let detail = !reason.isEmpty ? reason : sample.map {
                    Figures.decimal($0.playlistAge, places: 1) + "s " + Labels.megabits($0.measuredBitrate) + ($0.latency.map { " lat " + Self.latency($0) } ?? "")
                } ?? ""
                cells = [status, Table.Item(name, isOffAir(feed) ? .dim : .text), Table.Item(detail, reason.isEmpty ? .dim : role)]
            }
            return cells
        }
        func searchText(_ feed: FeedState) -> String {
            let title = state.events[feed.eventId]?.title ?? feed.eventId
            return "\(feed.id) \(title) \(Labels.route(of: feed.descriptor)) \(feed.descriptor.team ?? "") \(Labels.status(feed.status)) "
                + feed.reasons.joined(separator: "; ")
        }
        func rows(_ feeds: [FeedState]) -> [PaneRow] { PaneRow.rows(of: feeds, id: \.id, searchText: searchText, cells: cells) }
        let down = state.feeds.values.count { $0.status == .down }
        let degraded = state.feeds.values.count { $0.status == .degraded }
        var content = PaneContent(title: "2 Feed health · \(down) down · \(degraded) degraded", columns: columns, rows: rows(feeds))
        content.folded = PaneContent.fold(count: hidden.count, columns: columns.count, glyphs: glyphs,
                                          saying: "\(hidden.count) more feeds of events not on now") { rows(hidden.sorted(byKey: order, worstFirst)) }
        return content
    }

    /// `8.4s`, `45s`: how far behind the clock a live edge runs.
    static func latency(_ seconds: Double) -> String {
        abs(seconds) < 10 ? Figures.decimal(seconds, places: 1) + "s" : Figures.duration(seconds)
    }
}
