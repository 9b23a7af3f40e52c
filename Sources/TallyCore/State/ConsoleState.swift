/// Everything a console shows, built only by applying envelopes in bus order.
public struct ConsoleState: Sendable, Equatable, Codable {
    /// The time of the last envelope applied.
    public internal(set) var now: Instant?
    public internal(set) var lastSeq: UInt64 = 0
    public internal(set) var events: [EventID: EventState] = [:]
    public internal(set) var feeds: [FeedID: FeedState] = [:]
    /// Alerts, silences and their timers.
    public internal(set) var alerting: AlertEngine
    /// Sum of every event's latest concurrent viewers.
    public internal(set) var totalViewers = 0
    public internal(set) var peakTotalViewers = 0
    /// Total viewers in one-minute buckets over the last hour.
    public internal(set) var audience = TimeSeries(bucketSeconds: 60, capacity: 60)
    /// The latest audit lines of each alert in memory, oldest first, for its detail view.
    public internal(set) var timelines: [AlertID: [AuditRecord]] = [:]
    /// Ticked checklist items of each event, with who ticked them and when.
    public internal(set) var checklists: [EventID: [ChecklistItemID: ChecklistMark]] = [:]
    /// The latest shift handover seen on the bus.
    public internal(set) var latestHandover: HandoverWritten?
    /// The scheduler's latest reminder for each event.
    public internal(set) var reminders: [EventID: Reminder] = [:]
    /// Who is on call, to name the people behind each level's rotations.
    public var roster: Roster
    /// Operator actions that named no known alert, or made no sense in its state.
    public internal(set) var rejectedActions = 0

    /// How many audit lines each alert's timeline keeps in memory (the store keeps them all).
    public static let timelineLength = 40

    public init(rules: AlertRules = .standard, roster: Roster = .demo) {
        alerting = AlertEngine(rules: rules)
        self.roster = roster
    }

    /// A console carrying on from a stored engine and the alerts' stored timelines.
    public init(restoring engine: AlertEngine, timelines: [AlertID: [AuditRecord]],
                checklists: [EventID: [ChecklistItemID: ChecklistMark]] = [:], roster: Roster) {
        alerting = engine
        now = engine.now
        self.timelines = timelines
        self.checklists = checklists
        self.roster = roster
    }

    /// The same state under this place's own alerting `rules` and `roster` (a hub starting from
    /// a room's state saved by another site's hub keeps its own configuration).
    public func adopting(rules: AlertRules, roster: Roster) -> ConsoleState {
        var state = self
        state.alerting.rules = rules
        state.roster = roster
        return state
    }

    /// Who holds the first level of the default policy now: the first person to be paged.
    public func firstOnCall(at instant: Instant) -> String? {
        alerting.rules.fallback.levels.first?.targets.lazy.compactMap { roster.person(for: $0, at: instant) }.first
    }

    /// Open alerts, and resolved ones for a while after.
    public var alerts: [AlertID: Alert] { alerting.alerts }
}

/// The next state after `envelope`: pure, deterministic, the only way console state changes.
public func reduce(_ state: ConsoleState, _ envelope: Envelope) -> ConsoleState {
    var next = state
    next.apply(envelope)
    return next
}
