/// What a report is computed from: every alert as it last stood, the audit trail, the pages
/// sent (each to the people its level's targets named when it went out) and the events'
/// titles. Collected by replaying envelopes through `ConsoleState`, so the figures are the
/// ones every console saw.
public struct ReportFacts: Sendable, Equatable {
    /// One page: a level's targets told of an alert, as the people they were at that moment.
    public struct Page: Sendable, Equatable {
        public var alertId: AlertID
        public var at: Instant
        public var people: [String]
    }

    public var alerts: [AlertID: Alert] = [:]
    public var records: [AuditRecord] = []
    public var pages: [Page] = []
    public var eventTitles: [EventID: String] = [:]
    /// The first and last moments replayed.
    public var start: Instant?
    public var end: Instant?
    public var roster: Roster

    public init(roster: Roster) {
        self.roster = roster
    }

    /// What a console taking over `state` part-way through a night knows: the alerts in memory
    /// and the audit lines kept with them.
    public init(seededFrom state: ConsoleState) {
        self.init(alerts: Array(state.alerts.values), records: state.timelines.values.flatMap { $0 }, roster: state.roster)
        if let now = state.now { end = max(end ?? now, now) }
    }

    /// The facts a store keeps: every alert as it last stood and the audit trail.
    public init(alerts: [Alert], records: [AuditRecord], roster: Roster) {
        self.roster = roster
        self.alerts = Dictionary(alerts.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        self.records = records.sorted { ($0.at, $0.seq) < ($1.at, $1.seq) }
        add(pagesIn: self.records)
        start = (alerts.map(\.raisedAt) + records.map(\.at)).min()
        end = (alerts.map(\.lastSeenAt) + alerts.compactMap(\.resolvedAt) + records.map(\.at)).max()
    }

    /// The facts from `cutoff` on: alerts resolved before it, and audit lines and pages before
    /// it, are let go (a console open for days keeps a bounded night).
    public mutating func forget(before cutoff: Instant) {
        alerts = alerts.filter { ($0.value.resolvedAt ?? cutoff) >= cutoff }
        records.removeAll { $0.at < cutoff }
        pages.removeAll { $0.at < cutoff }
        start = start.map { max($0, cutoff) }
    }

    /// These facts with the alerts as `state` holds them now (their impact grows while they are open), up to `now`.
    public func current(_ state: ConsoleState, at now: Instant) -> ReportFacts {
        var facts = self
        facts.alerts.merge(state.alerts) { _, current in current }
        facts.end = max(facts.end ?? now, now)
        return facts
    }

    /// Adds what applying `envelope` to `state` caused (`state` is the state after it).
    public mutating func add(_ outcome: AlertingOutcome, of envelope: Envelope, to state: ConsoleState) {
        start = start ?? envelope.timestamp
        end = max(end ?? envelope.timestamp, envelope.timestamp)
        if case .eventScheduled(let scheduled) = envelope.event { eventTitles[scheduled.eventId] = scheduled.title }
        add(outcome.records, from: state)
    }

    /// Adds audit lines, their alerts as `state` holds them after the lines, and the pages they record.
    mutating func add(_ lines: [AuditRecord], from state: ConsoleState) {
        records += lines
        for id in Set(lines.compactMap(\.alertId)) {
            if let alert = state.alerts[id] { alerts[id] = alert }
        }
        add(pagesIn: lines)
    }

    /// The pages that `paged` audit lines record.
    mutating func add(pagesIn records: [AuditRecord]) {
        for record in records where record.action == .paged {
            guard let id = record.alertId else { continue }
            pages.append(Page(alertId: id, at: record.at, people: PagedTargets.people(in: record)))
        }
    }

    /// The facts of `envelopes` applied in order on top of `state`.
    public static func replaying(_ envelopes: some Sequence<Envelope>, from state: ConsoleState) -> ReportFacts {
        var replay = ReportReplay(from: state)
        for envelope in envelopes { replay.add(envelope) }
        return replay.facts
    }
}
