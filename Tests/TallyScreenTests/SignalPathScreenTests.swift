import Testing
import TallyCore
@testable import TallyScreen

/// The feed detail draws the event's signal chain: the failover at the venue, the hop where
/// the signal is lost and the team to hand it to, and the feed being looked at marked.
struct SignalPathScreenTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    static func state() -> ConsoleState {
        var state = ConsoleState()
        let feeds = [
            FeedDescriptor(feedId: "jpn-kor-fibre", role: .primary, path: "fibre", team: "venue-ops"),
            FeedDescriptor(feedId: "jpn-kor-srt", role: .backup, path: "srt", team: "venue-ops"),
            FeedDescriptor(feedId: "jpn-kor-origin", role: .primary, path: "", hop: .origin, team: "packaging"),
            FeedDescriptor(feedId: "jpn-kor-edge", role: .primary, path: "cdn-a", hop: .edge, team: "cdn"),
        ]
        let events: [BusEvent] = [
            .eventScheduled(LiveEventScheduled(eventId: "jpn-kor", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet,
                                               start: t0, end: t0.adding(seconds: 10_800), feeds: feeds)),
            .phaseChanged(PhaseChanged(eventId: "jpn-kor", phase: .live)),
            .feedHealth(FeedHealthChanged(feedId: "jpn-kor-fibre", status: .down, reasons: ["no new segment for 6.2 s, 3.1 × target duration"])),
            .feedHealth(FeedHealthChanged(feedId: "jpn-kor-srt", status: .ok, reasons: [])),
            .feedHealth(FeedHealthChanged(feedId: "jpn-kor-origin", status: .ok, reasons: [])),
            .feedHealth(FeedHealthChanged(feedId: "jpn-kor-edge", status: .down, reasons: ["HTTP 503 ×4"])),
        ]
        for (index, event) in events.enumerated() {
            state.apply(Envelope(seq: UInt64(index + 1), timestamp: t0.adding(seconds: Double(index)), source: "test", event: event))
        }
        return state
    }

    @Test func theFeedDetailShowsTheChainWithItsFailoverAndItsBreak() {
        var view = ViewState()
        view.focus = .feeds
        view.overlay = .detail(.feeds, itemID: "jpn-kor-edge")
        let context = ScreenContext(mode: .live, now: Self.t0.adding(seconds: 60), operatorName: "maria", glyphs: .unicode)
        let canvas = Screen.render(state: Self.state(), view: view, context: context, size: Size(width: 120, height: 40))
        #expect(canvas.text.contains("FAILOVER: carried by backup srt, primary failed — hand to venue-ops"))
        #expect(canvas.text.contains("SIGNAL LOST here — hand to cdn"))
        #expect(canvas.text.contains("▸✖ primary"), "the feed being looked at is marked")
        assertSnapshot(canvas, named: "signal-path-120x40")
    }
}
