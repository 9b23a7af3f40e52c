import TallyCore
import TallyScreen

/// The live day: the time of day, and each configured event's phase changes as they fall due
/// (`PhasePlan`). Replay keys do nothing here.
struct LiveTimeline: SessionTimeline {
    private let events: [LiveEventScheduled]
    private let clock: () -> Instant
    private var phases: [EventID: PhaseChanged] = [:]

    init(events: [LiveEventScheduled], clock: @escaping () -> Instant = WallClock.now) {
        self.events = events
        self.clock = clock
    }

    func now(atWall wall: Double) -> Instant { clock() }

    func mode(atWall wall: Double) -> ConsoleMode { .live }

    mutating func takeDue(atWall wall: Double) -> [Envelope] {
        let now = clock()
        var due: [Envelope] = []
        for event in events {
            let change = PhasePlan.phase(of: event, at: now)
            guard phases[event.eventId] != change else { continue }
            phases[event.eventId] = change
            due.append(Envelope(seq: 0, timestamp: now, source: "scheduler", event: .phaseChanged(change)))
        }
        return due
    }

    func secondsUntilNextDue(atWall wall: Double) -> Double? {
        let now = clock()
        let next = events.compactMap { phases[$0.eventId] == nil ? now : phases[$0.eventId]?.nextAt }.min()
        return next.map { max(0, $0.seconds(since: now)) }
    }

    func secondsUntilNextSecond(atWall wall: Double) -> Double? {
        Double(1000 - clock().millisecondsSinceEpoch % 1000) / 1000
    }

    mutating func control(_ command: ConsoleCommand, atWall wall: Double) -> [Envelope] { [] }
}
