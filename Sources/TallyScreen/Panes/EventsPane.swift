import TallyCore

/// Active events, worst first: urgency from feeds and alerts, then live before upcoming, then
/// audience. With a month's schedule loaded, only what matters now is listed (anything urgent,
/// in preflight or live, starting within `horizonSeconds`, or off air within the last hour);
/// the rest fold into one row with a count, and a filter finds them.
enum EventsPane {
    static let horizonSeconds = 6.0 * 3600
    static let recentSeconds = 3600.0

    static func content(state: ConsoleState, context: ScreenContext, width: Int) -> PaneContent {
        let health = EventHealth(state)
        typealias Order = (urgency: Urgency, phase: Phase, start: Instant, viewers: Int, id: EventID)
        func order(_ event: EventState) -> Order {
            (health.urgency(of: event.id), event.phase, event.schedule.start, event.viewers?.concurrent ?? 0, event.id)
        }
        func worstFirst(_ a: Order, _ b: Order) -> Bool {
            if a.urgency != b.urgency { return a.urgency > b.urgency }
            if a.phase.displayOrder != b.phase.displayOrder { return a.phase.displayOrder < b.phase.displayOrder }
            if a.phase == .scheduled, a.start != b.start { return a.start < b.start }
            if a.viewers != b.viewers { return a.viewers > b.viewers }
            return a.id < b.id
        }
        let roomy = width >= PaneContent.roomyWidth
        let checks = state.events.values.contains { $0.schedule.phases?.contains { !$0.checklist.isEmpty } ?? false }
        var columns: [Table.Column] = roomy
            ? [.init("", .fixed(2)), .init("Event", .flexible(minimum: 16)), .init("Venue", .fixed(12)),
               .init("Tier", .fixed(7)), .init("Step", .fixed(10)), .init("Next", .fixed(5), alignRight: true),
               .init("Viewers", .fixed(7), alignRight: true)]
            : [.init("", .fixed(2)), .init("Event", .flexible(minimum: 8)), .init("Phase", .fixed(5)),
               .init("Next", .fixed(5), alignRight: true), .init("Viewers", .fixed(7), alignRight: true)]
        if checks { columns.append(.init("Chk", .fixed(5))) }
        if roomy { columns.append(.init("Feeds P B C", .fixed(11))) }
        var shown: [EventState] = [], hidden: [EventState] = []
        for event in state.events.values {
            if isCurrent(event, health: health, now: context.now) { shown.append(event) } else { hidden.append(event) }
        }
        shown = shown.sorted(byKey: order, worstFirst)
        let later = hidden.count { $0.phase == .scheduled }, over = hidden.count - later
        let live = state.events.values.count { $0.phase == .live }
        func rows(_ events: [EventState]) -> [PaneRow] {
            PaneRow.rows(of: events, id: \.id, searchText: { "\($0.id) \($0.title) \($0.schedule.venue) \($0.step ?? "")" }) {
                cells($0, roomy: roomy, checks: checks, health: health, state: state, context: context)
            }
        }
        var content = PaneContent(title: "1 Active events · \(live) live", columns: columns, rows: rows(shown))
        let parts = [later > 0 ? "\(Figures.count(later)) later" : nil, over > 0 ? "\(Figures.count(over)) over" : nil].compactMap { $0 }
        content.folded = PaneContent.fold(count: hidden.count, columns: columns.count, glyphs: context.glyphs,
                                          saying: "\(hidden.count) more (" + parts.joined(separator: ", ") + ")") {
            rows(hidden.sorted(byKey: order, worstFirst))
        }
        return content
    }

    /// The events listed now (the rest are folded away).
    static func currentEvents(state: ConsoleState, health: EventHealth, now: Instant) -> Set<EventID> {
        Set(state.events.values.lazy.filter { isCurrent($0, health: health, now: now) }.map(\.id))
    }

    /// Whether an event belongs in the list now rather than in the folded rest.
    static func isCurrent(_ event: EventState, health: EventHealth, now: Instant) -> Bool {
        if health.urgency(of: event.id).level > 0 { return true }
        switch event.phase {
        case .preflight, .live: return true
        case .scheduled: return event.schedule.start.seconds(since: now) <= horizonSeconds
        case .ended, .post: return now.seconds(since: event.schedule.end) <= recentSeconds
        }
    }

    private static func cells(_ event: EventState, roomy: Bool, checks: Bool, health: EventHealth, state: ConsoleState,
                              context: ScreenContext) -> [Table.Item] {
        let urgency = health.urgency(of: event.id)
        let worst = health.worstFeed[event.id] ?? .unknown
        let mark: Table.Item = urgency.level > 0
            ? markItem(health: health, event: event.id, glyphs: context.glyphs)
            : Table.Item(context.glyphs.symbol(for: worst), StyleRole(worst))
        let dim = event.phase == .ended || event.phase == .post
        var cells = [mark, Table.Item(event.title, dim ? .dim : .text)]
        if roomy {
            cells += [Table.Item(event.schedule.venue, .dim), Table.Item(tierLabel(event.schedule.tier), .dim),
                      Table.Item(event.step ?? Labels.phase(event.phase), event.phase == .live ? .text : .dim)]
        } else {
            cells.append(Table.Item(Labels.phase(event.phase), event.phase == .live ? .text : .dim))
        }
        cells.append(Table.Item(countdown(event, now: context.now), .text))
        cells.append(Table.Item(event.viewers.map { Figures.count($0.concurrent) } ?? "–", .text))
        if checks { cells.append(progress(event, state: state, now: context.now)) }
        if roomy { cells.append(feedMarks(event, state: state, glyphs: context.glyphs)) }
        return cells
    }

    /// Time until the event's next step, or "done" once its day is over.
    static func countdown(_ event: EventState, now: Instant) -> String {
        guard let next = event.nextPhaseAt else { return event.phase == .scheduled ? "–" : "done" }
        return Figures.duration(max(0, next.seconds(since: now)))
    }

    /// Ticked of all checklist items, warning-coloured with a mark when one is overdue.
    private static func progress(_ event: EventState, state: ConsoleState, now: Instant) -> Table.Item {
        guard let checklist = state.checklist(of: event.id), !checklist.isEmpty else { return Table.Item("", .dim) }
        let text = "\(checklist.ticked)/\(checklist.entries.count)"
        if !checklist.overdue(at: now).isEmpty { return Table.Item(text + "!", .warning) }
        return Table.Item(text, checklist.ticked == checklist.entries.count ? .dim : .text)
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
