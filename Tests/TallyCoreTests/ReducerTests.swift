import Testing
@testable import TallyCore

struct ReducerTests {
    @Test func reduceLeavesTheOriginalStateUntouched() {
        let before = Fixture.state(after: [Fixture.schedule("wbc-1")])
        let after = reduce(before, Fixture.envelope(Fixture.viewers("wbc-1", 1000), at: 5, seq: 2))
        #expect(before.totalViewers == 0)
        #expect(after.totalViewers == 1000)
        #expect(after.lastSeq == 2)
    }

    @Test func totalViewersFollowEachEventsLatestSampleAndKeepThePeak() {
        let state = Fixture.state(after: [
            Fixture.schedule("a"), Fixture.schedule("b"),
            Fixture.viewers("a", 9_000_000), Fixture.viewers("b", 700_000), Fixture.viewers("a", 9_600_000),
            Fixture.viewers("a", 4_000_000),
        ])
        #expect(state.totalViewers == 4_700_000)
        #expect(state.peakTotalViewers == 10_300_000)
        #expect(state.events["a"]?.peakViewers == 9_600_000)
    }

    @Test func samplesForUnknownEventsOrFeedsAreIgnored() {
        let state = Fixture.state(after: [Fixture.viewers("ghost", 5)])
        #expect(state.totalViewers == 0)
        #expect(state.events.isEmpty)
    }

    @Test func repeatOfAnOpenDedupKeyCountsInsteadOfOpeningAnother() {
        let state = Fixture.state(after: [Fixture.raise("k"), Fixture.raise("k"), Fixture.raise("k")])
        #expect(state.alerts.count == 1)
        #expect(state.alerts[1]?.count == 3)
        #expect(state.alerts[1]?.lastSeenAt == Fixture.t0.adding(seconds: 2))
    }

    @Test func clearedKeyResolvesAndALaterRaiseOpensANewAlert() {
        let state = Fixture.state(after: [
            Fixture.raise("k"), .alertCleared(AlertCleared(dedupKey: "k")), Fixture.raise("k"),
        ], rules: Fixture.clearAtOnce)
        #expect(state.alerts[1]?.state == .resolved)
        #expect(state.alerts[2]?.state == .triggered)
        #expect(state.alerting.openByKey["k"] == 2)
    }

    @Test func acknowledgementRecordsWhoAndWhen() {
        let state = Fixture.state(after: [Fixture.raise("k"), Fixture.action(.ack, alert: 1, by: "kenji")])
        let alert = try! #require(state.alerts[1])
        #expect(alert.state == .acknowledged)
        #expect(alert.acknowledgedBy == "kenji")
        #expect(alert.acknowledgedAt == Fixture.t0.adding(seconds: 1))
    }

    @Test func theFirstAcknowledgementOwnsTheAlert() {
        let state = Fixture.state(after: [Fixture.raise("k"), Fixture.action(.ack, alert: 1, by: "maria"),
                                          Fixture.action(.ack, alert: 1, by: "kenji")])
        #expect(state.alerts[1]?.acknowledgedBy == "maria")
        #expect(state.alerts[1]?.acknowledgedAt == Fixture.t0.adding(seconds: 1))
    }

    @Test func escalationRaisesTheLevelAndKeepsTheNote() {
        let state = Fixture.state(after: [
            Fixture.raise("k"), Fixture.action(.escalate, alert: 1, comment: "venue not answering"),
            Fixture.action(.escalate, alert: 1),
        ])
        #expect(state.alerts[1]?.escalationLevel == 3)
        #expect(state.alerts[1]?.notes == ["maria: venue not answering"])
    }

    @Test func actionsOnUnknownOrResolvedAlertsAreRejected() {
        let state = Fixture.state(after: [
            Fixture.action(.ack, alert: 99), Fixture.raise("k"), .alertCleared(AlertCleared(dedupKey: "k")),
            Fixture.action(.ack, alert: 1),
        ], rules: Fixture.clearAtOnce)
        #expect(state.rejectedActions == 2)
        #expect(state.alerts[1]?.state == .resolved)
    }

    @Test func resolvedAlertsAreDroppedAfterTheRetentionPeriod() {
        var state = Fixture.state(after: [Fixture.raise("old"), .alertCleared(AlertCleared(dedupKey: "old"))], rules: Fixture.clearAtOnce)
        let later = AlertEngine.resolvedRetentionSeconds + 10
        state.apply(Fixture.envelope(Fixture.raise("new"), at: later, seq: 3))
        #expect(state.alerts[1] == nil)
        #expect(state.alerts[2] != nil)
    }

    @Test func healthChangeRemembersSinceWhenOnlyWhenTheStatusChanges() {
        let down = BusEvent.feedHealth(FeedHealthChanged(feedId: "wbc-1-primary", status: .down, reasons: ["stale"]))
        let downAgain = BusEvent.feedHealth(FeedHealthChanged(feedId: "wbc-1-primary", status: .down, reasons: ["stale 12 s"]))
        let state = Fixture.state(after: [Fixture.schedule("wbc-1"), down, downAgain])
        let feed = try! #require(state.feeds["wbc-1-primary"])
        #expect(feed.status == .down)
        #expect(feed.statusSince == Fixture.t0.adding(seconds: 1))
        #expect(feed.reasons == ["stale 12 s"])
    }

    @Test func replayingTheSameEnvelopesGivesTheSameState() {
        let events: [BusEvent] = [Fixture.schedule("a"), Fixture.viewers("a", 10), Fixture.raise("k"),
                                  Fixture.action(.ack, alert: 1)]
        #expect(Fixture.state(after: events) == Fixture.state(after: events))
    }
}
