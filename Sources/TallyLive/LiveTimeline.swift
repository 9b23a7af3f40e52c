import TallyConfig
import TallyCore

/// The live day: the time of day, and the scheduler's work (`Scheduler`) as it falls due.
/// When the run configuration's file changes (or on SIGUSR1) the schedule is read again:
/// events added or changed are announced, those dropped are cancelled, and alert and
/// checklist state stay as they are; a file with a mistake is reported and the schedule in
/// force stays. Replay keys do nothing here.
public struct LiveTimeline {
    private let clock: () -> Instant
    private(set) var scheduler: Scheduler
    private var events: [EventID: LiveEventScheduled]
    private var file: ScheduleFile?
    private var isReloadRequested = false
    /// Whether the last look decided the schedule's moments (see `takeDue`).
    private var wasDeciding = true
    private var message: String?
    /// Told of each schedule read again, so that the monitors follow it.
    public var onReload: ((RunConfig) -> Void)?

    public init(events: [LiveEventScheduled], watching path: String? = nil, clock: @escaping () -> Instant = WallClock.now) {
        self.scheduler = Scheduler(events: events)
        self.events = Dictionary(events.map { ($0.eventId, $0) }, uniquingKeysWith: { $1 })
        self.file = path.map(ScheduleFile.init)
        self.clock = clock
    }

    public func now(atWall wall: Double) -> Instant { clock() }

    /// What is due now: a changed schedule's announcements, and the scheduler's steps,
    /// reminders and overdue items when this hub is `deciding` them (a site of a shared room
    /// only while it holds the room's lease, or is cut off from it). Not deciding, the scheduler
    /// still follows the day; when it starts deciding, it takes up from the room's `state`.
    public mutating func takeDue(atWall wall: Double, state: ConsoleState, deciding: Bool) -> [Envelope] {
        let now = clock()
        var due = reloadIfAsked()
        if deciding, !wasDeciding { scheduler.resume(from: state) }
        wasDeciding = deciding
        let decided = scheduler.due(at: now, state: state)
        if deciding { due += decided }
        return due.map { Envelope(seq: 0, timestamp: now, source: "scheduler", event: $0) }
    }

    /// What is due now, for a hub or console that decides its own day.
    public mutating func takeDue(atWall wall: Double, state: ConsoleState) -> [Envelope] {
        takeDue(atWall: wall, state: state, deciding: true)
    }

    public mutating func requestReload() { isReloadRequested = true }

    public mutating func takeMessage() -> String? {
        defer { message = nil }
        return message
    }

    /// The announcements a changed schedule calls for; none when it did not change or has a mistake.
    private mutating func reloadIfAsked() -> [BusEvent] {
        guard var watched = file, watched.hasChanged() || isReloadRequested else { return [] }
        file = watched
        isReloadRequested = false
        let config: RunConfig
        do {
            config = try RunConfig.load(path: watched.path)
        } catch {
            message = "schedule NOT reloaded: \(error); the schedule in force stays"
            return []
        }
        var out: [BusEvent] = []
        let fresh = Dictionary(config.events.map { ($0.eventId, $0) }, uniquingKeysWith: { $1 })
        let added = config.events.filter { events[$0.eventId] == nil }.count
        let changed = config.events.filter { event in events[event.eventId].map { $0 != event } ?? false }.count
        for event in config.events where events[event.eventId] != event { out.append(.eventScheduled(event)) }
        let dropped = events.keys.filter { fresh[$0] == nil }.sorted()
        out += dropped.map { .eventCancelled(EventCancelled(eventId: $0)) }
        events = fresh
        scheduler.replace(config.events)
        onReload?(config)
        message = "schedule reloaded: \(config.events.count) events (\(added) new, \(changed) changed, \(dropped.count) cancelled)"
        return out
    }

    public func secondsUntilNextDue(atWall wall: Double) -> Double? {
        let now = clock()
        return scheduler.nextWake(after: now).map { max(0, $0.seconds(since: now)) }
    }

    public func secondsUntilNextSecond(atWall wall: Double) -> Double? {
        Double(1000 - clock().millisecondsSinceEpoch % 1000) / 1000
    }
}
