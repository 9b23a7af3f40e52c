/// The figures an operation is run by, for the alerts a scope covers: how many and of what
/// kind, how fast people owned and resolved them (overall, per event, team and site), the
/// escalations, who was paged and woken, the noisy and flapping sources, notifier delivery,
/// checklist discipline and the viewer-minutes affected. Pure: the same facts give the same report.
public struct OperationsReport: Sendable, Equatable, Codable {
    /// A figure for one event, team or site.
    public struct Row: Sendable, Equatable, Codable {
        public var name: String
        public var summary: DurationSummary
    }

    /// Times to acknowledge or to resolve, and the alerts that never got there.
    public struct Responses: Sendable, Equatable, Codable {
        public var overall: DurationSummary
        /// Alerts in scope that were never acknowledged by a person (or never resolved).
        public var never: Int
        public var perEvent: [Row]
        public var perTeam: [Row]
        public var perSite: [Row]
    }

    public struct Count: Sendable, Equatable, Codable {
        public var name: String
        public var count: Int
    }

    public struct PersonPages: Sendable, Equatable, Codable {
        public var person: String
        public var zone: String
        public var pages: Int
        public var atNight: Int
    }

    public struct NoisyKey: Sendable, Equatable, Codable {
        public var dedupKey: String
        /// Alerts opened on the key, and raises counted on them (repeats included).
        public var alerts: Int
        public var raises: Int
    }

    public struct Delivery: Sendable, Equatable, Codable {
        public var notifier: String
        public var attempts: Int
        public var delivered: Int
        public var failed: Int
        /// Attempts after a notification's first.
        public var retries: Int
    }

    public struct Checklists: Sendable, Equatable, Codable {
        /// Ticked before the item's overdue alert, ticked after it, overdue and never ticked.
        public var onTime: Int
        public var late: Int
        public var missed: Int
    }

    public struct Minutes: Sendable, Equatable, Codable {
        public var name: String
        public var viewerMinutes: Double
    }

    public var scope: ReportScope
    /// The stretch of time the facts cover.
    public var start: Instant?
    public var end: Instant?
    public var alerts: Int
    /// Alerts raised in each clock hour (UTC) from the hour the facts start in to the one they
    /// end in, the last 48 of them when there are more.
    public var raisedPerHour: [Int]
    public var bySeverity: [Count]
    public var byKind: [Count]
    public var acknowledge: Responses
    public var resolve: Responses
    public var escalationsByTimeout: Int
    public var escalationsByHand: Int
    /// Alerts whose chain ran out of levels with nobody owning them.
    public var exhausted: [AlertID]
    public var pages: [PersonPages]
    public var noisiest: [NoisyKey]
    public var flapping: [Count]
    public var notifiers: [Delivery]
    public var checklists: Checklists
    public var viewerMinutesPerEvent: [Minutes]
    public var viewerMinutesPerTeam: [Minutes]
    public var viewerMinutes: Double

    /// How many noisy keys the report lists.
    public static let noisyShown = 5
}

extension OperationsReport {
    /// The report of `facts` for the alerts `scope` covers.
    public init(_ facts: ReportFacts, scope: ReportScope = ReportScope()) {
        let covered = facts.alerts.values.filter(scope.covers).sorted { $0.id < $1.id }
        let ids = Set(covered.map(\.id))
        let records = facts.records.filter { record in record.alertId.map(ids.contains) ?? false }
        let end = facts.end ?? covered.map(\.lastSeenAt).max()
        self.scope = scope
        start = facts.start
        self.end = end
        alerts = covered.count
        raisedPerHour = Self.perHour(covered.map(\.raisedAt), from: facts.start ?? covered.first?.raisedAt, to: end)
        bySeverity = Severity.allCases.reversed().map { severity in Count(name: severity.rawValue, count: covered.count { $0.severity == severity }) }
            .filter { $0.count > 0 }
        byKind = Self.counted(covered.map(Self.kind))
        let acknowledged = Self.firstAcknowledgements(records)
        acknowledge = Self.responses(covered) { alert in acknowledged[alert.id].map { $0.seconds(since: alert.raisedAt) } }
        resolve = Self.responses(covered) { alert in alert.resolvedAt.map { $0.seconds(since: alert.raisedAt) } }
        let escalations = records.filter { $0.action == .escalated }
        escalationsByHand = escalations.count { $0.actor != AlertEngine.engineActor }
        escalationsByTimeout = escalations.count - escalationsByHand
        exhausted = Array(Set(records.filter { $0.action == .exhausted }.compactMap(\.alertId))).sorted()
        pages = Self.pages(facts.pages.filter { ids.contains($0.alertId) }, roster: facts.roster)
        noisiest = Self.noisiest(covered)
        flapping = Self.counted(records.filter { $0.action == .flapping }.compactMap(\.dedupKey))
        notifiers = Self.deliveries(records.filter { $0.action == .notified })
        checklists = Self.checklists(facts.records.filter { $0.action == .checklistTicked }, covered: covered, scope: scope)
        let minutes = covered.map { alert in (alert, alert.impact?.viewerMinutes(at: alert.resolvedAt ?? end ?? alert.lastSeenAt) ?? 0) }
        viewerMinutesPerEvent = Self.summed(minutes) { $0.raised.eventId }
        viewerMinutesPerTeam = Self.summed(minutes) { $0.raised.labels["team"] }
        viewerMinutes = minutes.reduce(0) { $0 + $1.1 }
    }

    /// An alert's kind: its class (`feed.stale`), else its dedup key up to the first `/`.
    static func kind(_ alert: Alert) -> String {
        alert.raised.class ?? String(alert.raised.dedupKey.prefix { $0 != "/" })
    }

    /// How many of `moments` fall in each clock hour from `start`'s to `end`'s (the last 48 when there are more).
    static func perHour(_ moments: [Instant], from start: Instant?, to end: Instant?) -> [Int] {
        guard let start, let end, end >= start else { return [] }
        let hour: Int64 = 3_600_000
        let last = end.millisecondsSinceEpoch / hour
        let first = max(start.millisecondsSinceEpoch / hour, last - 47)
        let count = Int(last - first + 1)
        var hours = Array(repeating: 0, count: count)
        for moment in moments {
            let index = Int(clamping: moment.millisecondsSinceEpoch / hour - first)
            if hours.indices.contains(index) { hours[index] += 1 }
        }
        return hours
    }

    /// Counts of each name, most first, then by name.
    static func counted(_ names: [String]) -> [Count] {
        Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +).map { Count(name: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    }

    /// When a person first acknowledged each alert (the engine's own lines are not a person's).
    static func firstAcknowledgements(_ records: [AuditRecord]) -> [AlertID: Instant] {
        var first: [AlertID: Instant] = [:]
        for record in records where record.action == .acknowledged && record.actor != AlertEngine.engineActor {
            guard let id = record.alertId, first[id] == nil else { continue }
            first[id] = record.at
        }
        return first
    }

    /// The spread of `duration` over `alerts`, overall and grouped.
    static func responses(_ alerts: [Alert], duration: (Alert) -> Double?) -> Responses {
        let measured = alerts.map { ($0, duration($0)) }
        func rows(_ name: (Alert) -> String?) -> [Row] {
            Dictionary(grouping: measured.compactMap { pair in pair.1.map { (name(pair.0) ?? "–", $0) } }, by: \.0)
                .map { Row(name: $0.key, summary: DurationSummary($0.value.map(\.1))) }
                .sorted { ($0.summary.median ?? 0, $1.name) > ($1.summary.median ?? 0, $0.name) }
        }
        return Responses(overall: DurationSummary(measured.compactMap(\.1)), never: measured.count { $0.1 == nil },
                         perEvent: rows { $0.raised.eventId }, perTeam: rows { $0.raised.labels["team"] }, perSite: rows(\.site))
    }

    /// Pages per person, most first, with those in the person's night.
    static func pages(_ pages: [ReportFacts.Page], roster: Roster) -> [PersonPages] {
        var byPerson: [String: PersonPages] = [:]
        for page in pages {
            for person in Set(page.people) {
                let zone = byPerson[person]?.zone ?? NightHours.zone(of: person, in: roster)
                var entry = byPerson[person] ?? PersonPages(person: person, zone: zone, pages: 0, atNight: 0)
                entry.pages += 1
                if NightHours.contains(page.at, zone: zone) { entry.atNight += 1 }
                byPerson[person] = entry
            }
        }
        return byPerson.values.sorted { ($0.pages, $1.person) > ($1.pages, $0.person) }
    }

    /// The keys with the most raises, counting repeats while open and alerts opened again.
    static func noisiest(_ alerts: [Alert]) -> [NoisyKey] {
        Dictionary(grouping: alerts, by: \.raised.dedupKey)
            .map { NoisyKey(dedupKey: $0.key, alerts: $0.value.count, raises: $0.value.reduce(0) { $0 + $1.count }) }
            .filter { $0.raises > 1 }
            .sorted { ($0.raises, $1.dedupKey) > ($1.raises, $0.dedupKey) }
            .prefix(noisyShown).map { $0 }
    }

    /// Each notifier's attempts from its `notified` lines (`trigger attempt 2: failed, HTTP 500`).
    static func deliveries(_ records: [AuditRecord]) -> [Delivery] {
        var byNotifier: [String: Delivery] = [:]
        for record in records {
            var entry = byNotifier[record.actor] ?? Delivery(notifier: record.actor, attempts: 0, delivered: 0, failed: 0, retries: 0)
            let detail = record.detail ?? ""
            entry.attempts += 1
            if detail.contains(": delivered") { entry.delivered += 1 } else { entry.failed += 1 }
            if !detail.contains(" attempt 1:") { entry.retries += 1 }
            byNotifier[record.actor] = entry
        }
        return byNotifier.values.sorted { $0.notifier < $1.notifier }
    }

    /// Checklist items ticked before their overdue alert, after it, or never, for the items
    /// of the events in scope that were ticked or fell overdue within the period.
    static func checklists(_ ticks: [AuditRecord], covered: [Alert], scope: ReportScope) -> Checklists {
        var firstTick: [String: Instant] = [:]
        for tick in ticks where scope.covers(moment: tick.at) && (scope.event == nil || tick.eventId == scope.event) {
            guard let event = tick.eventId, let step = tick.step, let item = tick.item else { continue }
            let key = Checklist.alertKey(event: event, item: ChecklistItemID(step: step, item: item))
            firstTick[key] = firstTick[key] ?? tick.at
        }
        var overdue: [String: Instant] = [:]
        for alert in covered where alert.raised.dedupKey.hasPrefix(Checklist.alertKeyPrefix) {
            overdue[alert.raised.dedupKey] = min(overdue[alert.raised.dedupKey] ?? alert.raisedAt, alert.raisedAt)
        }
        var result = Checklists(onTime: 0, late: 0, missed: 0)
        for key in Set(firstTick.keys).union(overdue.keys) {
            switch (firstTick[key], overdue[key]) {
            case (let tick?, let due?): if tick < due { result.onTime += 1 } else { result.late += 1 }
            case (.some, nil): result.onTime += 1
            case (nil, _): result.missed += 1
            }
        }
        return result
    }

    /// Viewer-minutes summed by `name`, most first; alerts without a name are left out.
    static func summed(_ minutes: [(Alert, Double)], by name: (Alert) -> String?) -> [Minutes] {
        Dictionary(minutes.compactMap { pair in name(pair.0).map { ($0, pair.1) } }, uniquingKeysWith: +)
            .map { Minutes(name: $0.key, viewerMinutes: $0.value) }
            .sorted { ($0.viewerMinutes, $1.name) > ($1.viewerMinutes, $0.name) }
    }
}
