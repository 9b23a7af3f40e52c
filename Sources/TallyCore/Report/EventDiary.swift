/// What one event's day leaves behind for its after-show report, kept from the moment it is
/// scheduled to its post-show step: the phases it went through, its audience a minute at a
/// time, each feed's time down and degraded, the handovers written meanwhile, and its alerts
/// with their audit lines and pages.
public struct EventDiary: Sendable, Equatable {
    /// A phase the event entered, with the rundown step that began it.
    public struct PhaseMark: Sendable, Equatable {
        public var at: Instant
        public var phase: Phase
        public var step: String?
    }

    /// The audience in one minute: the last sample in it.
    public struct ViewerPoint: Sendable, Equatable {
        public var minute: Instant
        public var concurrent: Int

        public init(minute: Instant, concurrent: Int) {
            self.minute = minute
            self.concurrent = concurrent
        }
    }

    /// A feed's time in each bad state, from its health changes.
    public struct FeedTime: Sendable, Equatable {
        public var feed: FeedDescriptor
        public var status: FeedStatus = .unknown
        public var since: Instant?
        public var downSeconds = 0.0
        public var degradedSeconds = 0.0

        /// The time spent in bad states, counting the present one up to `instant`.
        func closed(at instant: Instant) -> FeedTime {
            var closed = self
            closed.move(to: status, at: instant)
            return closed
        }

        mutating func move(to next: FeedStatus, at instant: Instant) {
            let spent = since.map { max(0, instant.seconds(since: $0)) } ?? 0
            if status == .down { downSeconds += spent }
            if status == .degraded { degradedSeconds += spent }
            status = next
            since = instant
        }
    }

    public struct HandoverMark: Sendable, Equatable {
        public var at: Instant
        public var author: String
        public var path: String
    }

    /// How many minutes of audience a diary keeps: two days.
    public static let viewerMinutesKept = 2 * 24 * 60

    public var schedule: LiveEventScheduled
    /// The first moment the diary saw.
    public var opened: Instant
    public var phases: [PhaseMark] = []
    public var viewers: [ViewerPoint] = []
    public var feeds: [FeedID: FeedTime] = [:]
    public var handovers: [HandoverMark] = []
    /// The event's alerts, their audit lines and pages.
    public var facts: ReportFacts

    public init(schedule: LiveEventScheduled, at instant: Instant, roster: Roster) {
        self.schedule = schedule
        opened = instant
        facts = ReportFacts(roster: roster)
        facts.start = instant
        facts.eventTitles[schedule.eventId] = schedule.title
        reschedule(schedule)
    }

    public var eventId: EventID { schedule.eventId }

    /// Whether the event went on air while the diary was kept (only such a day has an after-show).
    public var wentLive: Bool { phases.contains { $0.phase == .live } }

    mutating func reschedule(_ schedule: LiveEventScheduled) {
        self.schedule = schedule
        for feed in schedule.feeds { feeds[feed.feedId, default: FeedTime(feed: feed)].feed = feed }
    }

    mutating func record(_ sample: ViewerSample, at instant: Instant) {
        let minute = Instant(millisecondsSinceEpoch: instant.millisecondsSinceEpoch / 60_000 * 60_000)
        if viewers.last?.minute == minute {
            viewers[viewers.count - 1].concurrent = sample.concurrent
        } else {
            viewers.append(ViewerPoint(minute: minute, concurrent: sample.concurrent))
            if viewers.count > Self.viewerMinutesKept { viewers.removeFirst(viewers.count - Self.viewerMinutesKept) }
        }
    }

    /// The diary as it stands at `instant`: feeds' present states counted up to it, the facts' end at it.
    func closed(at instant: Instant, state: ConsoleState) -> EventDiary {
        var closed = self
        closed.feeds = feeds.mapValues { $0.closed(at: instant) }
        closed.facts.alerts.merge(state.alerts.filter { $0.value.raised.eventId == eventId }) { _, current in current }
        closed.facts.end = instant
        return closed
    }
}
