import Glibc
import TallyBus
import TallyCore
import TallyScenarios
import TallyScreen
import Testing
@testable import TallyConsole
import TallyLive

/// The console without a terminal: messages in, effects out, in the order the runner carries
/// them out, and the screen as text.
struct ConsoleModelTests {
    static let raised = BusEvent.alertRaised(AlertRaised(
        dedupKey: "wbc-01-primary:stale", severity: .critical, summary: "wbc-01 primary: playlist stale", source: "monitor",
        labels: ["feed": "wbc-01-primary"]))

    /// A rig with one open alert, drawn once, and the Alerts pane focused.
    static func rigWithAnAlert(attached: Bool = false) -> ModelRig {
        var rig = ModelRig(attached: attached)
        rig.send(.envelopes([rig.envelope(raised, at: 0)]))
        rig.tick(at: 1, wall: 1)
        rig.send(.key(.character("4")))
        rig.effects = []
        return rig
    }

    @Test func anAlertIsRecordedThenStoredThenNotifiedAndOnlyThenDrawn() {
        var rig = ModelRig()
        #expect(rig.send(.envelopes([rig.envelope(Self.raised, at: 0)])).map(\.name) == ["record", "store", "notify"])
        rig.tick(at: 1, wall: 1)
        #expect(rig.effects.map(\.name) == ["record", "store", "notify", "paint"])
        #expect(rig.lastFrame?.contains("playlist stale") == true)
    }

    @Test func anAcknowledgementIsSentThenStoredBeforeTheFrameThatSaysSoAndNotifiedAfter() {
        var rig = Self.rigWithAnAlert()
        #expect(rig.send(.key(.character("a"))).map(\.name) == ["send alert.action", "log"])
        #expect(rig.model.state.alerts[1]?.state == .triggered, "sent, not applied: the state changes when it comes back")
        rig.deliver()
        rig.tick(at: 2, wall: 2)
        let names = rig.effects.map(\.name)
        let store = names.firstIndex(of: "store"), paint = names.lastIndex(of: "paint")
        #expect(names.first == "send alert.action")
        #expect(store != nil && paint != nil && store! < paint!, "\(names)")
        if let notify = names.firstIndex(of: "notify") { #expect(store! < notify) }
        #expect(rig.model.state.alerts[1]?.state == .acknowledged)
        #expect(rig.lastFrame?.contains("acknowledged #1 as maria") == true)
    }

    @Test func theReceiptWaitsForTheStoresAnswer() {
        var rig = Self.rigWithAnAlert()
        rig.send(.key(.character("a")))
        let ack = rig.outbox.map { envelope in
            Envelope(seq: 9, timestamp: envelope.timestamp, source: "console", console: ModelRig.consoleID, event: envelope.event)
        }
        let effects = rig.model.update(.envelopes(ack))
        #expect(effects.map(\.name).prefix(2) == ["record", "store"])
        #expect(rig.model.view.message == nil, "nothing is said before the store has it")
        _ = rig.model.update(.stored(problem: nil))
        #expect(rig.model.view.message == "acknowledged #1 as maria")
    }

    @Test func aRefusedStoreWriteShowsNotSaved() {
        var rig = Self.rigWithAnAlert()
        rig.storeRefuses = "NOT SAVED — the store refused the write: disk I/O error"
        rig.send(.key(.character("a")))
        rig.deliver()
        rig.tick(at: 2, wall: 2)
        #expect(rig.model.view.message == rig.storeRefuses)
        #expect(rig.lastFrame?.contains("NOT SAVED") == true)
    }

    @Test func aConsoleOnItsOwnBusPublishesTheTimersAsTheyFallDue() {
        var rig = Self.rigWithAnAlert()
        #expect(!rig.tick(at: 299, wall: 2).contains { $0.name.hasPrefix("publish") }, "level 1 has five minutes")
        #expect(rig.tick(at: 300, wall: 3).map(\.name) == ["publish alert.timers"])
        #expect(rig.model.state.alerts[1]?.escalationLevel == 1, "decided once the envelope is applied")
        #expect(rig.deliver().map(\.name).prefix(2) == ["record", "store"])
        #expect(rig.model.state.alerts[1]?.escalationLevel == 2)
    }

    @Test func anAttachedConsoleShowsAnEscalationOnlyWhenTheHubsEnvelopeArrives() {
        var rig = Self.rigWithAnAlert(attached: true)
        #expect(rig.tick(at: 3600, wall: 2).map(\.name) == ["paint"], "an hour on, and still nothing decided here")
        #expect(rig.model.state.alerts[1]?.escalationLevel == 1)
        let decided = rig.envelope(.timersDue(TimersDue(due: ModelRig.at(300))), at: 301)
        #expect(rig.send(.envelopes([decided])).isEmpty, "the hub keeps the record and sends the pages")
        #expect(rig.model.state.alerts[1]?.escalationLevel == 2)
        rig.tick(at: 302, wall: 3)
        #expect(rig.lastFrame?.contains("L2") == true)
    }

    @Test func quittingAndSignalsEndTheSessionWithTheirStatus() {
        var rig = ModelRig()
        #expect(rig.send(.key(.character("q"))).map(\.name) == ["quit quit"])
        #expect(rig.send(.signal(SIGHUP)).map(\.name) == ["log", "quit hangUp"])
        #expect(rig.send(.signal(SIGTERM)).map(\.name) == ["log", "quit terminated"])
        #expect(rig.send(.signal(SIGINT)).map(\.name) == ["quit interrupted"])
        #expect(rig.send(.signal(SIGUSR1)).map(\.name) == ["reload"])
    }

    @Test func aHandoverIsSavedBeforeItIsPublished() {
        var rig = ModelRig()
        rig.send(.key(.character("H")))
        for character in "all quiet" { rig.send(.key(.character(character))) }
        let effects = rig.send(.key(.enter))
        #expect(effects.map(\.name) == ["save handover"])
        guard case .saveHandover(let draft) = effects.first else { return }
        #expect(draft.note == "all quiet" && draft.author == "maria" && draft.markdown.contains("all quiet"))
        rig.send(.handoverSaved(.failure(HandoverNotSaved(reason: "read-only file system"))))
        #expect(rig.model.view.message == "handover NOT SAVED: read-only file system")
        let written = HandoverWritten(author: "maria", note: draft.note, path: "/tmp/handover.md", markdown: draft.markdown)
        #expect(rig.send(.handoverSaved(.success(written))).map(\.name) == ["send shift.handover", "log"])
    }

    @Test func aResizeRedrawsAtTheNewSize() {
        var rig = ModelRig()
        rig.tick(at: 0, wall: 0)
        rig.send(.resize(Size(width: 80, height: 24)))
        rig.tick(at: 0, wall: 0.1)
        #expect(rig.lastFrame?.split(separator: "\n").count == 24)
    }

    @Test func aSeekShowsWhatPlayingFromTheStartShows() throws {
        let recording = try BuiltInDemo.recording()
        let moment = recording.start.adding(seconds: 1800)
        let mode = ConsoleMode.demo(speed: 1, isPaused: true, isFinished: false)
        func tick(_ rig: inout ModelRig, at instant: Instant) {
            rig.send(.tick(ConsoleTick(wall: 0, now: instant, mode: mode)))
            rig.deliver()
        }
        var played = ModelRig(state: recording.header.state ?? ConsoleState(), size: Size(width: 160, height: 48))
        var pending = recording.envelopes[...]
        var shown = recording.start
        while shown < moment {
            shown = min(moment, shown.adding(seconds: 10))
            let batch = pending.prefix { $0.timestamp <= shown }
            pending = pending.dropFirst(batch.count)
            played.send(.envelopes(Array(batch)))
            tick(&played, at: shown)
        }
        var seeking = ModelRig(state: recording.header.state ?? ConsoleState(), size: Size(width: 160, height: 48))
        var timeline = ReplayTimeline(source: MemorySource(recording: recording), speed: 1, paused: true, atWall: 0)
        seeking.send(.replayAnswered(timeline.control(.seek("00:30:00"), atWall: 0), to: .seek("00:30:00")))
        tick(&seeking, at: moment)
        #expect(seeking.model.state.alerts == played.model.state.alerts)
        // Every row but the footer, which in the played console still says the last reminder it was told.
        let seen = seeking.model.render().text.split(separator: "\n").dropLast(), expected = played.model.render().text.split(separator: "\n")
        #expect(seen.count == 47)
        for (row, line) in seen.enumerated() where line != expected[row] {
            Issue.record("row \(row): \(line) ≠ \(expected[row])")
        }
    }
    @Test func theReportOverlayOpensOnItsKeyAndCommandAndFollowsTheNight() {
        var rig = Self.rigWithAnAlert()
        rig.send(.key(.character("o")))
        guard case .report(let opened) = rig.model.view.overlay else {
            Issue.record("o opens the report: \(String(describing: rig.model.view.overlay))")
            return
        }
        #expect(opened.alerts == 1 && opened.acknowledge.never == 1)
        rig.send(.key(.character("o")))
        #expect(rig.model.view.overlay == nil, "o again closes it")
        for key in ":report" { rig.send(.key(.character(key))) }
        rig.send(.key(.enter))
        guard case .report = rig.model.view.overlay else {
            Issue.record(":report opens it")
            return
        }
        // An acknowledgement from another console arrives while it is open: the figures follow.
        rig.send(.envelopes([rig.envelope(.operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "sam", channel: "key")),
                                          at: 90, console: "other")]))
        guard case .report(let followed) = rig.model.view.overlay else {
            Issue.record("still open")
            return
        }
        #expect(followed.acknowledge.never == 0 && followed.acknowledge.overall.median == 90)
        rig.tick(at: 91, wall: 5)
        #expect(rig.lastFrame?.contains("To acknowledge  median 1m30s") == true, "\(rig.lastFrame ?? "")")
        rig.send(.key(.escape))
        #expect(rig.model.view.overlay == nil)
    }
}
