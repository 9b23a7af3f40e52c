import Synchronization
import TallyCore
import Testing
@testable import TallyConsole
import TallyLive

/// The live day on a manual clock: each event's phase is published once when the console
/// starts, then again at each change, and the loop sleeps until the next one.
struct LiveTimelineTests {
    static let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    final class ManualClock: Sendable {
        private let time = Mutex(LiveTimelineTests.start)
        func now() -> Instant { time.withLock { $0 } }
        func set(_ instant: Instant) { time.withLock { $0 = instant } }
    }

    static let event = LiveEventScheduled(eventId: "jpn-kor", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet,
                                          start: start.adding(seconds: 1800), end: start.adding(seconds: 9000), feeds: [])

    func phases(_ envelopes: [Envelope]) -> [Phase] {
        envelopes.compactMap { if case .phaseChanged(let change) = $0.event { change.phase } else { nil } }
    }

    @Test func phasesArePublishedAsTheyFallDue() {
        let clock = ManualClock()
        var timeline = LiveTimeline(events: [Self.event], clock: clock.now)
        #expect(timeline.secondsUntilNextDue(atWall: 0) == 0, "the current phases are due at once")
        #expect(phases(timeline.takeDue(atWall: 0, state: ConsoleState())) == [.preflight], "30 minutes before the start")
        #expect(timeline.takeDue(atWall: 0, state: ConsoleState()).isEmpty, "each change once")
        #expect(timeline.secondsUntilNextDue(atWall: 0) == 1500, "wakes for the reminder five minutes before going live")
        clock.set(Self.event.start)
        #expect(phases(timeline.takeDue(atWall: 0, state: ConsoleState())) == [.live])
        clock.set(Self.event.end.adding(seconds: 60))
        #expect(phases(timeline.takeDue(atWall: 0, state: ConsoleState())) == [.ended])
        clock.set(PhasePlan.watchWindow(of: Self.event).upperBound)
        #expect(phases(timeline.takeDue(atWall: 0, state: ConsoleState())) == [.post])
        #expect(timeline.secondsUntilNextDue(atWall: 0) == nil, "nothing more to come")
        #expect(timeline.mode(atWall: 0) == .live)
    }

    /// Three sites of one room each follow the day; only the one deciding announces it, and a
    /// site that takes over announces what the room had not heard, not what it had.
    @Test func aSiteThatTakesOverAnnouncesOnlyWhatTheRoomHasNotHeard() {
        let clock = ManualClock()
        var leader = LiveTimeline(events: [Self.event], clock: clock.now)
        var other = LiveTimeline(events: [Self.event], clock: clock.now)
        var room = ConsoleState()
        room.apply(Envelope(seq: 1, timestamp: Self.start, source: "test", event: .eventScheduled(Self.event)))
        for envelope in leader.takeDue(atWall: 0, state: room, deciding: true) { room.apply(envelope) }
        #expect(room.events["jpn-kor"]?.phase == .preflight)
        #expect(other.takeDue(atWall: 0, state: room, deciding: false).isEmpty, "not deciding: nothing announced")
        #expect(phases(other.takeDue(atWall: 0, state: room, deciding: true)).isEmpty, "taking over: preflight was announced already")
        clock.set(Self.event.start)
        #expect(other.takeDue(atWall: 0, state: room, deciding: false).isEmpty)
        // The leader died before announcing the start: the site that takes over does.
        #expect(phases(other.takeDue(atWall: 0, state: room, deciding: true)) == [.live])
        #expect(other.takeDue(atWall: 0, state: room, deciding: true).isEmpty, "each change once")
    }
}

/// The scheduler's checklist deadlines and reminders on a manual clock.
struct SchedulerDeadlineTests {
    static let start = LiveTimelineTests.start
    static let event = LiveEventScheduled(
        eventId: "jpn-kor", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet,
        start: start.adding(seconds: 3600), end: start.adding(seconds: 7200), feeds: [],
        phases: [RundownStep(name: "feed lock", phase: .preflight, at: start, checklist: ["Audio levels checked"]),
                 RundownStep(name: "on air", phase: .live, at: start.adding(seconds: 3600))])

    func apply(_ envelopes: [Envelope], to state: inout ConsoleState) {
        for envelope in envelopes { state.apply(envelope) }
    }

    @Test func anItemOpenAtItsDeadlineRaisesAnAlertThatItsTickClears() {
        let clock = LiveTimelineTests.ManualClock()
        var timeline = LiveTimeline(events: [Self.event], clock: clock.now)
        var state = ConsoleState()
        state.apply(Envelope(seq: 1, timestamp: Self.start, source: "test", event: .eventScheduled(Self.event)))
        apply(timeline.takeDue(atWall: 0, state: state), to: &state)
        #expect(state.alerts.isEmpty, "not due yet")

        clock.set(Self.event.start.adding(seconds: -300))
        let reminders = timeline.takeDue(atWall: 0, state: state).compactMap { if case .reminder(let r) = $0.event { r.text } else { nil } }
        #expect(reminders == ["Japan v Korea: on air in 5 min · 1 checklist item open"])

        clock.set(Self.event.start)
        apply(timeline.takeDue(atWall: 0, state: state), to: &state)
        let alert = state.alerts.values.first
        #expect(alert?.raised.dedupKey == "checklist.overdue/jpn-kor/feed lock/Audio levels checked")
        #expect(alert?.raised.summary == "checklist overdue: Audio levels checked (feed lock, due 20:00 UTC) — Japan v Korea")
        #expect(timeline.takeDue(atWall: 0, state: state).isEmpty, "raised once")

        let tick = ChecklistTick(eventId: "jpn-kor", step: "feed lock", item: "Audio levels checked", actor: "maria", channel: "key")
        let outcome = state.apply(Envelope(seq: 9, timestamp: Self.event.start, source: "console", event: .checklistTicked(tick)))
        #expect(outcome.records.map(\.action) == [.checklistTicked])
        let cleared = timeline.takeDue(atWall: 0, state: state).compactMap { if case .alertCleared(let c) = $0.event { c.summary } else { nil } }
        #expect(cleared == ["ticked by maria"])
    }
}
