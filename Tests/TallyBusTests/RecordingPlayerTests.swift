import Testing
import TallyCore
@testable import TallyBus

struct RecordingPlayerTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    static func recording() -> Recording {
        let events: [(Double, BusEvent)] = [
            (1, .viewers(ViewerSample(eventId: "a", concurrent: 1))),
            (10, .viewers(ViewerSample(eventId: "a", concurrent: 2))),
            (60, .alertRaised(AlertRaised(dedupKey: "k", severity: .critical, summary: "s", source: "t"))),
            (61, .viewers(ViewerSample(eventId: "a", concurrent: 3))),
        ]
        let envelopes = events.enumerated().map { index, pair in
            Envelope(seq: UInt64(index + 1), timestamp: t0.adding(seconds: pair.0), source: "t", event: pair.1)
        }
        return Recording(header: RecordingHeader(started: t0), envelopes: envelopes)
    }

    @Test func handsOutWhatIsDueAtTheChosenSpeed() {
        var player = RecordingPlayer(recording: Self.recording(), speed: 4, atWall: 100)
        #expect(player.takeDue(atWall: 100).isEmpty)
        #expect(player.secondsUntilNextDue(atWall: 100) == 0.25)
        #expect(player.takeDue(atWall: 102.5).map(\.seq) == [1, 2])
        #expect(player.takeDue(atWall: 102.5).isEmpty)
        #expect(player.now(atWall: 102.5) == Self.t0.adding(seconds: 10))
    }

    @Test func pauseFreezesTheClockAndResumeCarriesOn() {
        var player = RecordingPlayer(recording: Self.recording(), atWall: 0)
        player.togglePause(atWall: 5)
        #expect(player.secondsUntilNextDue(atWall: 50) == nil)
        #expect(player.now(atWall: 500) == Self.t0.adding(seconds: 5))
        player.togglePause(atWall: 500)
        #expect(player.now(atWall: 502) == Self.t0.adding(seconds: 7))
    }

    @Test func speedStepsBetweenAQuarterAndTwoHundredFiftySix() {
        var player = RecordingPlayer(recording: Self.recording(), atWall: 0)
        for _ in 0..<5 { player.slower(atWall: 0) }
        #expect(player.speed == 0.25)
        for _ in 0..<20 { player.faster(atWall: 0) }
        #expect(player.speed == 256)
        player.slower(atWall: 0)
        #expect(player.speed == 128)
    }

    @Test func skipToNextAlertDeliversEverythingUpToIt() throws {
        var player = RecordingPlayer(recording: Self.recording(), atWall: 0)
        guard case .handOut(let batch) = try player.skipToNextAlert(atWall: 3) else { Issue.record("a near alert hands out"); return }
        #expect(batch.map(\.seq) == [1, 2, 3])
        #expect(player.now(atWall: 3) == Self.t0.adding(seconds: 60))
        #expect(try player.skipToNextAlert(atWall: 3) == nil)
        #expect(player.takeDue(atWall: 4).map(\.seq) == [4])
        #expect(player.isFinished)
        #expect(player.now(atWall: 1000) == Self.t0.adding(seconds: 61))
    }
}
