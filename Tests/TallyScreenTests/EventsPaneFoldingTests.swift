import Testing
import TallyCore
@testable import TallyScreen

/// A month's schedule stays readable: what is on now is listed, the rest folds into one row
/// with a count, and a filter still finds any event.
struct EventsPaneFoldingTests {
    static let now = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    static func state() -> ConsoleState {
        var state = ConsoleState()
        // One event every 3 hours from 15 days before to 15 days after: two around now.
        for index in -120..<120 {
            let start = now.adding(seconds: Double(index) * 3 * 3600 - 1800)
            let event = LiveEventScheduled(eventId: "ev-\(index + 120)", title: "Event \(index + 120)", venue: "Venue", tier: .tier2,
                                           start: start, end: start.adding(seconds: 2 * 3600), feeds: [])
            state.apply(Envelope(seq: UInt64(index + 121), timestamp: now, source: "test", event: .eventScheduled(event)))
            state.apply(Envelope(seq: UInt64(index + 1000), timestamp: now, source: "test", event: .phaseChanged(PhasePlan.phase(of: event, at: now))))
        }
        return state
    }

    @Test func eventsFarOffOrLongOverFoldIntoOneRow() {
        let context = ScreenContext(mode: .live, now: Self.now, operatorName: "maria", glyphs: .unicode)
        let content = PaneContent.of(.events, state: Self.state(), context: context, width: 80, height: 24)
        let rows = content.rows(matching: nil)
        #expect(rows.first?.id == "ev-120", "the live event first")
        #expect(rows.count == 4, "live, the next two within six hours, and the fold: \(rows.map(\.id))")
        #expect(rows.last?.cells[1].text == "… 237 more (117 later, 120 over); / finds them")
        #expect(content.rows(matching: "Event 7").map(\.id).contains("ev-7"), "a filter reaches folded events")
    }
}
