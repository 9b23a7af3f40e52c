import Foundation
import TallyCore
import Testing
@testable import TallyConsole
import TallyLive

/// A live day on a manual clock, through a console that decides and keeps the record: when the
/// event's post-show step begins, its after-show report is handed to be saved, once, and the
/// file has the timeline, the viewer chart with the alert marked, the feeds' time down by hop
/// and team, the viewer-minutes and the figures.
struct AfterShowTests {
    static let start = ModelRig.start
    static let event = LiveEventScheduled(
        eventId: "jpn-kor", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet,
        start: start.adding(seconds: 1800), end: start.adding(seconds: 9000),
        feeds: [FeedDescriptor(feedId: "jpn-kor-primary", role: .primary, path: "fibre", hop: .origin, team: "ingest"),
                FeedDescriptor(feedId: "jpn-kor-backup", role: .backup, path: "internet", hop: .origin, team: "ingest")])

    static let down = BusEvent.alertRaised(AlertRaised(
        dedupKey: "feed.down/jpn-kor-primary", severity: .critical, summary: "Japan v Korea primary down", source: "monitor",
        labels: ["event": "jpn-kor", "feed": "jpn-kor-primary", "team": "ingest", "hop": "origin"]))

    @Test func theReportIsWrittenOnceAtThePostShowStepWithItsSections() throws {
        let clock = LiveTimelineTests.ManualClock()
        var timeline = LiveTimeline(events: [Self.event], clock: clock.now)
        var rig = ModelRig()
        var saved: [EventDiary] = []
        func at(_ seconds: Double, _ events: [BusEvent] = [], console: String? = nil) {
            clock.set(Self.start.adding(seconds: seconds))
            let due = timeline.takeDue(atWall: 0, state: rig.model.state)
            let batch = due + events.map { rig.envelope($0, at: seconds, console: console) }
            for effect in rig.send(.envelopes(batch)) { if case .saveAfterShow(let diary) = effect { saved.append(diary) } }
        }
        at(0, [.eventScheduled(Self.event)])
        at(1800, [.viewers(ViewerSample(eventId: "jpn-kor", concurrent: 2_000_000))])
        at(2400, [.feedHealth(FeedHealthChanged(feedId: "jpn-kor-primary", status: .down)), Self.down])
        at(2460, [.operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "maria", channel: "key"))], console: "other")
        at(2700, [.feedHealth(FeedHealthChanged(feedId: "jpn-kor-primary", status: .ok)),
                  .viewers(ViewerSample(eventId: "jpn-kor", concurrent: 2_500_000))])
        at(2760, [.operatorAction(OperatorAction(alertId: 1, action: .resolve, actor: "maria", channel: "key"))], console: "other")
        at(3000, [.handoverWritten(HandoverWritten(author: "maria", note: "", path: "handovers/maria.md", markdown: ""))])
        at(9060)
        #expect(saved.isEmpty, "the event is off air, its day not yet closed")
        at(PhasePlan.watchWindow(of: Self.event).upperBound.seconds(since: Self.start))
        #expect(saved.map(\.eventId) == ["jpn-kor"], "written at the post-show step")
        at(PhasePlan.watchWindow(of: Self.event).upperBound.seconds(since: Self.start) + 60)
        #expect(saved.count == 1, "once")

        var replay = ModelRig()
        replay.send(.tick(ConsoleTick(wall: 0, now: Self.start, mode: .demo(speed: 1, isPaused: false, isFinished: false))))
        let replayed = replay.send(.envelopes([replay.envelope(.eventScheduled(Self.event), at: 0)]
            + [Phase.live, .post].map { replay.envelope(.phaseChanged(PhaseChanged(eventId: "jpn-kor", phase: $0)), at: 1) }))
        #expect(!replayed.contains { if case .saveAfterShow = $0 { true } else { false } }, "a replay's days are never written as the room's")

        let folder = NSTemporaryDirectory() + "tally-after-show-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try AfterShows(directory: folder).save(try #require(saved.first), source: "the test's console")
        #expect(path.hasSuffix("-jpn-kor.md"))
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        for section in ["# After-show report: Japan v Korea (jpn-kor)", "## Timeline", "## Viewers", "## Feeds: time down",
                        "## Viewer-minutes affected, by alert", "## Time to acknowledge", "## How the figures were computed"] {
            #expect(markdown.contains(section), "\(section)")
        }
        #expect(markdown.contains("| 19:30:00 | LIVE"), "the phases")
        #expect(markdown.contains("▲ #1 critical: Japan v Korea primary down · owned by maria after 1m00s · resolved after 6m00s"))
        #expect(markdown.contains("shift handover by maria (handovers/maria.md)"))
        #expect(markdown.contains("| jpn-kor-primary | primary | origin | ingest | 5m00s | 0s |"), "down from 19:40 to 19:45")
        #expect(markdown.contains("hop origin: 5m00s down, 0s degraded") && markdown.contains("team ingest: 5m00s down"))
        #expect(markdown.contains("peak 2.50M at 19:45:00 UTC") && markdown.contains("```text"))
        #expect(markdown.contains("12.5M·min in all"), "2M viewers at risk for 5 minutes, then 2.5M for the last one")
    }
}
