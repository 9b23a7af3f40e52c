/// Everything that changes shared console state: one case per envelope `type` of the wire format.
///
/// Indirect: each payload lives in a box of its own size, so that an envelope is about a
/// hundred bytes whatever its kind, not the size of the largest payload (about 400): a night
/// held in memory takes a third of the space.
public indirect enum BusEvent: Sendable, Equatable {
    case eventScheduled(LiveEventScheduled)
    case phaseChanged(PhaseChanged)
    case feedSample(FeedSample)
    case feedHealth(FeedHealthChanged)
    case feedContent(ContentChecked)
    case viewers(ViewerSample)
    case alertRaised(AlertRaised)
    case alertCleared(AlertCleared)
    case operatorAction(OperatorAction)
    case silenceCreated(SilenceRequest)
    case silenceExpired(SilenceExpiry)
    case notified(NotificationOutcome)
    case checklistTicked(ChecklistTick)
    case reminder(Reminder)
    case handoverWritten(HandoverWritten)
    case eventCancelled(EventCancelled)
    case timersDue(TimersDue)

    /// The envelope `type` string.
    public var type: String {
        switch self {
        case .eventScheduled: "schedule.event"
        case .phaseChanged: "schedule.phase"
        case .feedSample: "feed.sample"
        case .feedHealth: "feed.health"
        case .feedContent: "feed.content"
        case .viewers: "viewers.sample"
        case .alertRaised: "alert.raised"
        case .alertCleared: "alert.cleared"
        case .operatorAction: "alert.action"
        case .silenceCreated: "silence.create"
        case .silenceExpired: "silence.expire"
        case .notified: "alert.notified"
        case .checklistTicked: "checklist.tick"
        case .reminder: "schedule.reminder"
        case .handoverWritten: "shift.handover"
        case .eventCancelled: "schedule.cancel"
        case .timersDue: "alert.timers"
        }
    }

    /// For metric samples, the key under which a slow subscriber may keep only the latest one;
    /// nil for everything that must be delivered one by one (schedule, health, alerts, actions).
    public var coalescingKey: String? {
        switch self {
        case .feedSample(let sample): "feed:" + sample.feedId
        case .viewers(let sample): "viewers:" + sample.eventId
        case .feedContent(let checked): "content:" + checked.feedId
        default: nil
        }
    }
}
