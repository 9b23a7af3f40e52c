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

    public mutating func takeDue(atWall wall: Double, state: ConsoleState) -> [Envelope] {
        let now = clock()
        var due = reloadIfAsked()
        due += scheduler.due(at: now, state: state)
        return due.map { Envelope(seq: 0, timestamp: now, source: "scheduler", event: $0) }
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
