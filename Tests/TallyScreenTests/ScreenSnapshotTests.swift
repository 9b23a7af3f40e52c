import Testing
import TallyCore
@testable import TallyScreen

/// Rendered screens of the built-in demo at fixed moments, compared as text.
struct ScreenSnapshotTests {
    @Test(arguments: [(80, 24), (120, 40), (160, 48)])
    func consoleDuringTheViewerCliffAndFailover(width: Int, height: Int) {
        let canvas = DemoFixture.render(at: "00:27:00", size: Size(width: width, height: height))
        assertSnapshot(canvas, named: "cliff-\(width)x\(height)")
    }

    @Test func consoleEarlyInTheNightWithAStaleFeed() {
        assertSnapshot(DemoFixture.render(at: "00:03:30", size: Size(width: 120, height: 40)), named: "stale-120x40")
    }

    @Test func smallTerminalShowsOnePaneWithTabs() {
        var view = ViewState()
        view.focus = .alerts
        assertSnapshot(DemoFixture.render(at: "00:27:00", size: Size(width: 60, height: 20), view: view), named: "single-60x20")
    }

    @Test func tinyTerminalSaysSo() {
        let canvas = DemoFixture.render(at: "00:27:00", size: Size(width: 39, height: 11))
        #expect(canvas.text.contains("Terminal too small"))
        assertSnapshot(canvas, named: "too-small-39x11")
    }

    @Test func asciiGlyphsWhenTheLocaleCannotDrawUnicode() {
        let canvas = DemoFixture.render(at: "00:27:00", size: Size(width: 80, height: 24), glyphs: .ascii)
        #expect(canvas.cells.allSatisfy { $0.character.isASCII })
        assertSnapshot(canvas, named: "ascii-80x24")
    }

    @Test(arguments: [Glyphs.unicode, .ascii])
    func aReplayShowsItsStripWithAlertsPhasesAndThePresent(glyphs: Glyphs) {
        let instant = DemoFixture.moment("01:30:00")
        var context = DemoFixture.context(at: instant, glyphs: glyphs)
        let recording = DemoFixture.recording
        context.strip = ReplayStrip(start: recording.start, end: recording.end, envelopes: recording.envelopes)
        let canvas = Screen.render(state: recording.state(at: instant), view: ViewState(), context: context, size: Size(width: 100, height: 30))
        assertSnapshot(canvas, named: "strip-100x30" + (glyphs == .ascii ? "-ascii" : ""))
    }

    /// A long recording plays while its index is built: the strip has no marks yet and says so.
    @Test func aReplayWhoseIndexIsBeingBuiltSaysSoOnItsStrip() {
        let instant = DemoFixture.moment("00:10:00")
        var context = DemoFixture.context(at: instant, glyphs: .unicode)
        let recording = DemoFixture.recording
        context.strip = ReplayStrip(start: recording.start, end: recording.end, marks: [], indexFraction: 0.42)
        let canvas = Screen.render(state: recording.state(at: instant), view: ViewState(), context: context, size: Size(width: 80, height: 24))
        #expect(canvas.text(row: 22).contains("building the index for seeking: 42%"))
        assertSnapshot(canvas, named: "strip-indexing-80x24")
    }

    @Test func helpOverlayListsEveryKey() {
        var view = ViewState()
        view.overlay = .help
        assertSnapshot(DemoFixture.render(at: "00:27:00", size: Size(width: 80, height: 24), view: view), named: "help-80x24")
    }

    @Test func alertDetailShowsWhoAcknowledged() {
        let state = DemoFixture.recording.state(at: DemoFixture.moment("00:27:00"))
        let acked = try! #require(state.alerts.values.filter { $0.state == .acknowledged }.min { $0.id < $1.id })
        var view = ViewState()
        view.focus = .alerts
        view.overlay = .detail(.alerts, itemID: "\(acked.id)")
        let canvas = DemoFixture.render(at: "00:27:00", size: Size(width: 120, height: 40), view: view)
        #expect(canvas.text.contains("Acked by      \(acked.acknowledgedBy!)"))
        assertSnapshot(canvas, named: "alert-detail-120x40")
    }

    @Test func theRundownDrawsTheNextHoursAsATimeLine() {
        var view = ViewState()
        view.overlay = .rundown
        let canvas = DemoFixture.render(at: "00:27:00", size: Size(width: 120, height: 40), view: view)
        #expect(canvas.text.contains("Rundown · the next 7 hours"))
        #expect(canvas.text.contains("█"), "events on air")
        assertSnapshot(canvas, named: "rundown-120x40")
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func theReportOverlayShowsTheNightSoFar(width: Int, height: Int) throws {
        let instant = DemoFixture.moment("03:00:00")
        let recording = DemoFixture.recording
        let state = recording.state(at: instant)
        let facts = ReportFacts.replaying(recording.envelopes.prefix { $0.timestamp <= instant }, from: recording.header.state ?? ConsoleState())
        var view = ViewState()
        view.overlay = .report(OperationsReport(facts.current(state, at: instant)))
        let canvas = DemoFixture.render(at: "03:00:00", size: Size(width: width, height: height), view: view)
        let text = canvas.text
        for figure in ["The night so far", "To acknowledge", "To resolve", "Escalations", "Pages", "Affected"] {
            #expect(text.contains(figure), "\(figure) is on the \(width)x\(height) overlay")
        }
        #expect(text.contains("Viewer-minutes affected, by event"), "the bars fit at \(width)x\(height)")
        assertSnapshot(canvas, named: "report-\(width)x\(height)")
    }

    @Test func filterNarrowsThePaneAndSaysSo() {
        var view = ViewState()
        view.filters[.events] = "japan"
        let canvas = DemoFixture.render(at: "00:27:00", size: Size(width: 120, height: 40), view: view)
        let state = DemoFixture.recording.state(at: DemoFixture.moment("00:27:00"))
        let matching = state.events.values.filter { $0.title.lowercased().contains("japan") }.count
        #expect(matching > 1)
        #expect(canvas.text.contains("/japan (\(matching))"))
        let eventRows = (3..<20).map { canvas.text(row: $0) }.filter { $0.hasPrefix("│") && $0.contains("LIVE") }
        #expect(eventRows.count == matching)
    }
}
