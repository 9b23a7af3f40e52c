import Synchronization
import TallyCore
import Testing
@testable import TallyConsole

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
        #expect(phases(timeline.takeDue(atWall: 0)) == [.preflight], "30 minutes before the start")
        #expect(timeline.takeDue(atWall: 0).isEmpty, "each change once")
        #expect(timeline.secondsUntilNextDue(atWall: 0) == 1800)
        clock.set(Self.event.start)
        #expect(phases(timeline.takeDue(atWall: 0)) == [.live])
        clock.set(Self.event.end.adding(seconds: 60))
        #expect(phases(timeline.takeDue(atWall: 0)) == [.ended])
        clock.set(PhasePlan.watchWindow(of: Self.event).upperBound)
        #expect(phases(timeline.takeDue(atWall: 0)) == [.post])
        #expect(timeline.secondsUntilNextDue(atWall: 0) == nil, "nothing more to come")
        #expect(timeline.mode(atWall: 0) == .live)
    }
}
