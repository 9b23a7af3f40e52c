import Testing
import TallyCore
@testable import TallyScreen

/// Within a severity, the alert that puts more viewers at risk comes first, and the pane and the
/// header say how many.
struct ImpactOrderTests {
    @Test func alertsOfOneSeverityOrderByTheViewersAtRisk() {
        let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!
        var state = ConsoleState()
        var seq: UInt64 = 0
        func apply(_ event: BusEvent) {
            seq += 1
            state.apply(Envelope(seq: seq, timestamp: start.adding(seconds: Double(seq)), source: "test", event: event))
        }
        for (id, viewers) in [("small", 50_000), ("big", 9_600_000)] {
            apply(.eventScheduled(LiveEventScheduled(eventId: id, title: id, venue: "v", tier: .tier1, start: start, end: start.adding(seconds: 3600),
                                                     feeds: [FeedDescriptor(feedId: "\(id)-primary", role: .primary, path: "fibre")])))
            apply(.viewers(ViewerSample(eventId: id, concurrent: viewers)))
        }
        // The small event's alert is the newer: newest first would put it on top.
        for id in ["big", "small"] {
            apply(.alertRaised(AlertRaised(dedupKey: "feed.stale/\(id)-primary", severity: .critical, summary: "\(id) stale", source: "hls-monitor",
                                           class: "feed.stale", labels: ["event": id, "feed": "\(id)-primary"])))
        }
        let order = AlertsPane.sorted(state.alerts.values, atRisk: ViewersAtRisk.byAlert(in: state)).map(\.summary)
        #expect(order == ["big stale", "small stale"])
        #expect(AlertsPane.sorted(state.alerts.values).map(\.summary) == ["small stale", "big stale"], "without impact, newest first")
        let context = ScreenContext(mode: .live, now: start.adding(seconds: 10), operatorName: "maria", glyphs: .unicode)
        let canvas = Screen.render(state: state, view: ViewState(), context: context, size: Size(width: 160, height: 48))
        #expect(canvas.text(row: 0).contains("at risk 9.65M"))
        #expect(canvas.text.contains("9.60M"), "the pane's At risk column")
        // At 0:10: 9.6M viewers for the 5 s since its raise and 50K for 4 s, side by side where the pane is wide.
        let wide = AlertsPane.content(state: state, context: context, width: AlertsPane.wideWidth, unfolded: [])
        #expect(wide.columns.map(\.title).contains("Affected"))
        #expect(wide.rows.map { $0.cells[4].text + " " + $0.cells[5].text } == ["9.60M 800K·min", "50K 3.3K·min"])
        let narrow = AlertsPane.content(state: state, context: context, width: PaneContent.roomyWidth, unfolded: [])
        #expect(narrow.rows.map { $0.cells[4].text } == ["9.60M", "50K"], "one column: the viewers at risk of an open alert")
    }
}
