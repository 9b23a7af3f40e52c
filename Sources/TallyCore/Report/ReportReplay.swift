/// Envelopes replayed for a report: through the state, into the facts of every alert and,
/// when one event is asked for, into that event's diary for its after-show report.
public struct ReportReplay: Sendable {
    public private(set) var state: ConsoleState
    public private(set) var facts: ReportFacts
    public let event: EventID?
    private var diaries = EventDiaries()
    private var closedDay: EventDiary?

    public init(from state: ConsoleState, event: EventID? = nil) {
        self.state = state
        facts = ReportFacts(roster: state.roster)
        self.event = event
    }

    public mutating func add(_ envelope: Envelope) {
        let outcome = state.apply(envelope)
        facts.add(outcome, of: envelope, to: state)
        guard let event else { return }
        closedDay = diaries.note(outcome, of: envelope, to: state).first { $0.eventId == event } ?? closedDay
    }

    /// The event's day: as it closed at its post-show step, or as it stands at the end of what was replayed.
    public var eventDiary: EventDiary? {
        if let closedDay { return closedDay }
        guard let event, let open = diaries.open[event] else { return nil }
        return open.closed(at: facts.end ?? open.opened, state: state)
    }
}
