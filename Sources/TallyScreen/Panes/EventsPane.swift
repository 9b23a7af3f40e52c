import TallyCore

/// Active events, worst first: urgency from feeds and alerts, then live before upcoming, then audience.
enum EventsPane {
    static func content(state: ConsoleState, context: ScreenContext, width: Int) -> PaneContent {
        let health = EventHealth(state)
        let glyphs = context.glyphs
        let events = state.events.values.sorted { a, b in
            let ua = health.urgency(of: a.id), ub = health.urgency(of: b.id)
            if ua != ub { return ua > ub }
            if a.phase.displayOrder != b.phase.displayOrder { return a.phase.displayOrder < b.phase.displayOrder }
            let va = a.viewers?.concurrent ?? 0, vb = b.viewers?.concurrent ?? 0
            if va != vb { return va > vb }
            return a.id < b.id
        }
        let roomy = width >= PaneContent.roomyWidth
        let columns: [Table.Column] = roomy
            ? [.init("", .fixed(2)), .init("Event", .flexible(minimum: 16)), .init("Venue", .fixed(16)),
               .init("Tier", .fixed(7)), .init("Phase", .fixed(5)), .init("Start", .fixed(5)),
               .init("T", .fixed(5), alignRight: true), .init("Viewers", .fixed(7), alignRight: true),
               .init("Feeds P B C", .fixed(11))]
            : [.init("", .fixed(2)), .init("Event", .flexible(minimum: 8)), .init("Phase", .fixed(5)),
               .init("T", .fixed(5), alignRight: true), .init("Viewers", .fixed(7), alignRight: true)]
        let rows = events.map { event -> PaneRow in
            let urgency = health.urgency(of: event.id)
            let worst = health.worstFeed[event.id] ?? .unknown
            let mark: Table.Item = urgency.level > 0
                ? markItem(health: health, event: event.id, glyphs: glyphs)
                : Table.Item(glyphs.symbol(for: worst), StyleRole(worst))
            let dim = event.phase == .ended || event.phase == .post
            var cells = [mark, Table.Item(event.title, dim ? .dim : .text)]
            if roomy {
                cells += [Table.Item(event.schedule.venue, .dim), Table.Item(tierLabel(event.schedule.tier), .dim)]
            }
            cells.append(Table.Item(Labels.phase(event.phase), event.phase == .live ? .text : .dim))
            if roomy { cells.append(Table.Item(Labels.clock(event.schedule.start, offset: context.utcOffsetSeconds), .dim)) }
            cells.append(Table.Item(timing(event, now: context.now), .text))
            cells.append(Table.Item(event.viewers.map { Figures.count($0.concurrent) } ?? "–", .text))
            if roomy { cells.append(feedMarks(event, state: state, glyphs: glyphs)) }
            return PaneRow(id: event.id, searchText: "\(event.id) \(event.title) \(event.schedule.venue)", cells: cells)
        }
        let live = state.events.values.filter { $0.phase == .live }.count
        return PaneContent(title: "1 Active events · \(live) live", columns: columns, rows: rows)
    }

    /// Elapsed time when live, a countdown before, nothing once over.
    static func timing(_ event: EventState, now: Instant) -> String {
        switch event.phase {
        case .live: Figures.duration(now.seconds(since: event.schedule.start))
        case .scheduled, .preflight: "-" + Figures.duration(event.schedule.start.seconds(since: now))
        case .ended, .post: "done"
        }
    }

    private static func markItem(health: EventHealth, event: EventID, glyphs: Glyphs) -> Table.Item {
        if let severity = health.worstAlert[event], Urgency(severity) >= Urgency(health.worstFeed[event] ?? .ok) {
            return Table.Item(glyphs.symbol(for: severity), StyleRole(severity))
        }
        let status = health.worstFeed[event] ?? .ok
        return Table.Item(glyphs.symbol(for: status), StyleRole(status))
    }

    private static func feedMarks(_ event: EventState, state: ConsoleState, glyphs: Glyphs) -> Table.Item {
        let statuses = event.schedule.feeds.map { state.feeds[$0.feedId]?.status ?? .unknown }
        let worst = statuses.max() ?? .unknown
        return Table.Item(statuses.map { glyphs.symbol(for: $0) }.joined(separator: " "), StyleRole(worst))
    }

    private static func tierLabel(_ tier: Tier) -> String {
        tier == .bigBet ? "big-bet" : "tier \(tier.rawValue)"
    }
}
