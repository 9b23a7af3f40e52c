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

    @Test func samplesWaitForACalmFrame() {
        var policy = FramePolicy()
        policy.drew(.full, at: 10)
        policy.changed(urgent: false)
        #expect(policy.nextFrame == 11.9)
        #expect(!policy.isDue(at: 11.5))
        policy.changed(urgent: false)
        #expect(policy.due(at: 11.9) == .full)
        policy.drew(.full, at: 11.9)
        #expect(policy.nextFrame == nil)
    }

    @Test func theClockRedrawsItsOwnCellsEachSecondAndTheWholeScreenEveryTwo() {
        var policy = FramePolicy()
        policy.drew(.full, at: 10)
        policy.clockMoved()
        #expect(policy.nextFrame == 10.9)
        #expect(policy.due(at: 10.5) == nil)
        #expect(policy.due(at: 10.9) == .clock)
        policy.drew(.clock, at: 10.9)
        policy.clockMoved()
        #expect(policy.nextFrame == 11.8, "the clock's next second")
        #expect(policy.due(at: 11.8) == .clock)
        policy.drew(.clock, at: 11.8)
        policy.clockMoved()
        #expect(policy.due(at: 11.9) == .full, "figures that age with the clock are drawn with the next calm frame")
        policy.drew(.full, at: 11.9)
        #expect(policy.nextFrame == nil)
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
