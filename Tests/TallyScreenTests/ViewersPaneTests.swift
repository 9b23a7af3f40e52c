import Testing
import TallyCore
@testable import TallyScreen

/// A viewer source that fails leaves the last count, dimmed, with "stale since": never a zero.
struct ViewersPaneTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    @Test func aStaleSourceShowsItsLastCountAndSinceWhen() {
        var state = ConsoleState()
        let events: [BusEvent] = [
            .eventScheduled(LiveEventScheduled(eventId: "wbc-01", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet,
                                               start: Self.t0, end: Self.t0.adding(seconds: 10_800), feeds: [])),
            .viewers(ViewerSample(eventId: "wbc-01", concurrent: 7_030_000)),
            .alertRaised(AlertRaised(dedupKey: AlertKeys.viewersStale("wbc-01"), severity: .warning,
                                     summary: "viewer counts stale since 19:00:30 UTC: HTTP 503", source: "viewers-poller",
                                     labels: ["event": "wbc-01"])),
        ]
        for (index, event) in events.enumerated() {
            state.apply(Envelope(seq: UInt64(index + 1), timestamp: Self.t0.adding(seconds: Double(index) * 30), source: "test", event: event))
        }
        let context = ScreenContext(mode: .live, now: Self.t0.adding(seconds: 120), operatorName: "maria", glyphs: .unicode)
        let row = PaneContent.of(.viewers, state: state, context: context, width: 80, height: 24).rows.first
        let texts = row?.cells.map(\.text) ?? []
        #expect(texts.contains("7.03M"), "the last count stays")
        #expect(texts.contains("stale since 19:01"))
        #expect(!texts.contains("0"))
    }
}
