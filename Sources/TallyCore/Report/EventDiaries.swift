/// The diaries of the events in progress, fed every envelope a deciding place applies; an
/// event's diary is handed over, once, when its post-show step begins, and then forgotten,
/// so a hub running for weeks keeps only the days not yet closed.
public struct EventDiaries: Sendable, Equatable {
    public private(set) var open: [EventID: EventDiary] = [:]
    /// Which event each feed belongs to.
    private var eventOfFeed: [FeedID: EventID] = [:]

    public init() {}

    /// Notes what `envelope` did (`state` is the state after it); returns the diaries of the
    /// events whose post-show step it began, closed at that moment.
    public mutating func note(_ outcome: AlertingOutcome, of envelope: Envelope, to state: ConsoleState) -> [EventDiary] {
        let at = envelope.timestamp
        var closed: [EventDiary] = []
        switch envelope.event {
        case .eventScheduled(let schedule):
            if open[schedule.eventId] == nil {
                open[schedule.eventId] = EventDiary(schedule: schedule, at: at, roster: state.roster)
            } else {
                open[schedule.eventId]?.reschedule(schedule)
            }
            for feed in schedule.feeds { eventOfFeed[feed.feedId] = schedule.eventId }
        case .phaseChanged(let change):
            guard open[change.eventId]?.phases.last?.phase != change.phase else { break }
            open[change.eventId]?.phases.append(EventDiary.PhaseMark(at: at, phase: change.phase, step: change.step))
            if change.phase == .post, let diary = open.removeValue(forKey: change.eventId) {
                eventOfFeed = eventOfFeed.filter { $0.value != change.eventId }
                if diary.wentLive { closed.append(diary.closed(at: at, state: state)) }
            }
        case .eventCancelled(let cancelled):
            open[cancelled.eventId] = nil
        case .viewers(let sample):
            open[sample.eventId]?.record(sample, at: at)
        case .feedHealth(let health):
            if let event = eventOfFeed[health.feedId] { open[event]?.feeds[health.feedId]?.move(to: health.status, at: at) }
        case .handoverWritten(let handover):
            for id in open.keys { open[id]?.handovers.append(EventDiary.HandoverMark(at: at, author: handover.author, path: handover.path)) }
        default:
            break
        }
        let byEvent = Dictionary(grouping: outcome.records.filter { $0.alertId != nil }) { record in
            record.alertId.flatMap { state.alerts[$0]?.raised.eventId }
        }
        for case (let event?, let lines) in byEvent where open[event] != nil {
            open[event]?.facts.add(lines, from: state)
            open[event]?.facts.end = at
        }
        return closed
    }
}
