/// What the console knows of one live event: its schedule, phase and audience.
public struct EventState: Sendable, Equatable, Codable, Identifiable {
    public var schedule: LiveEventScheduled
    public var phase: Phase = .scheduled
    public var nextPhase: Phase?
    public var nextPhaseAt: Instant?
    /// The rundown step under way (`feed lock`) and the one that comes next.
    public var step: String?
    public var nextStep: String?
    public var viewers: ViewerSample?
    public var peakViewers = 0
    /// Concurrent viewers in 30-second buckets over the last 20 minutes.
    public var viewerHistory = TimeSeries(bucketSeconds: 30, capacity: 40)

    public init(schedule: LiveEventScheduled) {
        self.schedule = schedule
    }

    public var id: EventID { schedule.eventId }
    public var title: String { schedule.title }
}
