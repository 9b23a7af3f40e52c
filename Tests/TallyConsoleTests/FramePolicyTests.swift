import TallyCore
import Testing
@testable import TallyConsole

struct FramePolicyTests {
    @Test func nothingChangedMeansNoFrameEver() {
        var policy = FramePolicy()
        policy.drew(.full, at: 10)
        #expect(policy.nextFrame == nil)
        #expect(!policy.isDue(at: 1_000))
    }

    @Test func urgentChangesAreDrawnAtOnceUpToTwentyFramesASecond() {
        var policy = FramePolicy()
        policy.changed(urgent: true)
        #expect(policy.isDue(at: 0), "the first frame is drawn at once")
        policy.drew(.full, at: 10)
        policy.changed(urgent: true)
        #expect(!policy.isDue(at: 10.01))
        #expect(policy.isDue(at: 10.05))
    }

    @Test func samplesWaitForTheClockToTurnOrTheDeadline() {
        var policy = FramePolicy()
        policy.drew(.full, at: 10)
        policy.changed(urgent: false)
        #expect(policy.nextFrame == 12.5, "a paused replay's clock stands still")
        #expect(policy.due(at: 12) == nil)
        #expect(policy.due(at: 12.5) == .full)
        policy.drew(.full, at: 12.5)
        #expect(policy.nextFrame == nil)
    }

    @Test func eachSecondTheClockIsDrawnAsItTurnsAndTheWholeScreenOnEveryOther() {
        var policy = FramePolicy()
        policy.drew(.full, at: 10.02)
        policy.changed(urgent: false)
        policy.clockMoved()
        #expect(policy.due(at: 11.02) == .clock, "the second is drawn as it turns, the samples wait")
        policy.drew(.clock, at: 11.02)
        #expect(policy.due(at: 11.5) == nil, "nothing more within the second")
        policy.clockMoved()
        #expect(policy.due(at: 12.02) == .full, "every other second, the whole screen")
        policy.drew(.full, at: 12.02)
        #expect(policy.nextFrame == nil)
        policy.clockMoved()
        #expect(policy.due(at: 13.02) == .clock)
        policy.drew(.clock, at: 13.02)
        policy.clockMoved()
        #expect(policy.nextFrame == 13.52, "a fast replay's clock is drawn twice a second at most")
    }

    @Test func anAlertArrivingWhileSamplesWaitBringsTheFrameForward() {
        var policy = FramePolicy()
        policy.drew(.full, at: 10)
        policy.changed(urgent: false)
        policy.changed(urgent: true)
        #expect(policy.nextFrame == 10.05)
    }

    @Test func metricSamplesAndRecoveriesAreCalm() {
        let calm: [BusEvent] = [
            .feedSample(FeedSample(feedId: "f", variant: "1080p", targetDuration: 2, playlistAge: 1, mediaSequence: 10,
                                   discontinuitySequence: 0, liveWindow: 30, segmentDownloadTime: 0.3,
                                   measuredBitrate: 5_000_000, declaredBitrate: 6_000_000, errors: 0)),
            .viewers(ViewerSample(eventId: "e", concurrent: 1)),
            .feedHealth(FeedHealthChanged(feedId: "f", status: .ok)),
        ]
        let urgent: [BusEvent] = [
            .alertRaised(AlertRaised(dedupKey: "k", severity: .critical, summary: "s", source: "t", labels: [:])),
            .operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "maria", channel: "key")),
            .feedHealth(FeedHealthChanged(feedId: "f", status: .down)),
        ]
        #expect(calm.allSatisfy { !$0.isUrgentOnScreen })
        #expect(urgent.allSatisfy { $0.isUrgentOnScreen })
    }

    @Test func aBackedUpTerminalSpacesFramesOutAndTheyComeBackAsItClears() {
        var policy = FramePolicy()
        policy.drew(.full, at: 10)
        policy.changed(urgent: true)
        for _ in 0..<3 { policy.noteOutput(isBackedUp: true) }
        #expect(policy.isSlowed)
        #expect(policy.nextFrame == 10 + FramePolicy.urgentInterval * 8)
        for _ in 0..<10 { policy.noteOutput(isBackedUp: true) }
        #expect(policy.nextFrame == 10 + FramePolicy.longestInterval, "never slower than a frame every few seconds")
        for _ in 0..<7 { policy.noteOutput(isBackedUp: false) }
        #expect(!policy.isSlowed)
        #expect(policy.nextFrame == 10 + FramePolicy.urgentInterval)
    }
}
