import Testing
import TallyCore
@testable import TallyScreen

/// The feeds pane's picture and audio columns once content checks report: in words as well as
/// colour, with ASCII forms, and the reasons where the columns do not fit.
struct ContentColumnsTests {
    /// The demo at 00:27:00 with four on-air feeds checked: one black for 12 s, one silent, one
    /// too loud, one fine.
    static func state() -> (ConsoleState, Instant) {
        let instant = DemoFixture.moment("00:27:00")
        var state = DemoFixture.recording.state(at: instant)
        let live = state.feeds.values.filter { state.events[$0.eventId]?.phase == .live }.map(\.id).sorted()
        let checks: [(Double, ContentChecked.Audio)] = [(0.99, .init(rms: -20, momentary: -23)), (0.1, .init(rms: -91)),
                                                        (0.1, .init(rms: -9, momentary: -14)), (0.1, .init(rms: -20, momentary: -23.4))]
        var seq = state.lastSeq
        for (feed, (black, audio)) in zip(live, checks) {
            for offset in [-12.0, 0] {
                seq += 1
                let checked = ContentChecked(feedId: feed, variant: "480p", picture: .init(luma: black > 0.9 ? 16 : 110, black: black, change: 30), audio: audio)
                state.apply(Envelope(seq: seq, timestamp: instant.adding(seconds: offset), source: "hls-monitor", event: .feedContent(checked)))
            }
            // What the feed's monitor says of it, as it would once the conditions have lasted.
            var watch = ContentWatch()
            let checked = ContentChecked(feedId: feed, variant: "480p", picture: .init(luma: 16, black: black, change: 30), audio: audio)
            for offset in [-15.0, 0] { watch.record(checked, at: instant.adding(seconds: offset)) }
            let problems = watch.problems(at: instant)
            seq += 1
            let health = FeedHealthChanged(feedId: feed, status: problems.map(\.status).max() ?? .ok, reasons: problems.map(\.reason))
            state.apply(Envelope(seq: seq, timestamp: instant, source: "hls-monitor", event: .feedHealth(health)))
        }
        return (state, instant)
    }

    @Test(arguments: [(80, 24, Glyphs.unicode), (160, 48, .unicode), (160, 48, .ascii)])
    func theColumnsAtEverySize(width: Int, height: Int, glyphs: Glyphs) {
        let (state, instant) = Self.state()
        let canvas = Screen.render(state: state, view: ViewState(), context: DemoFixture.context(at: instant, glyphs: glyphs), size: Size(width: width, height: height))
        if width >= 160 {
            #expect(canvas.text.contains(glyphs == .ascii ? "[#] BLACK 12s" : "▮ BLACK 12s"))
            #expect(canvas.text.contains("-91 dB SILENT"))
            #expect(canvas.text.contains("-14 LUFS LOUD"))
        } else {
            #expect(canvas.text.contains("black picture"), "the reason where the column does not fit")
        }
        if glyphs == .ascii { #expect(canvas.cells.allSatisfy { $0.character.isASCII }) }
        assertSnapshot(canvas, named: "content-\(width)x\(height)" + (glyphs == .ascii ? "-ascii" : ""))
    }
}
