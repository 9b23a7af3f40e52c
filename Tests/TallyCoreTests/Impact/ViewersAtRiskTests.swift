import TallyCore
import Testing

/// The viewers an alert puts at risk, on fixed states: the event's audience for its primary
/// path or whatever carries the signal, nobody for a backup carrying nothing or a checklist.
struct ViewersAtRiskTests {
    static func feedAlert(_ feed: String, kind: String = "feed.stale", event: String = "wbc-1") -> BusEvent {
        .alertRaised(AlertRaised(dedupKey: "\(kind)/\(feed)", severity: .critical, summary: "\(feed) failing", source: "hls-monitor",
                                 class: kind, labels: ["event": event, "feed": feed]))
    }

    static func health(_ feed: String, _ status: FeedStatus) -> BusEvent {
        .feedHealth(FeedHealthChanged(feedId: feed, status: status))
    }

    static func atRisk(_ state: ConsoleState) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: state.alerts.values.map { ($0.raised.dedupKey, ViewersAtRisk.of($0, in: state)) })
    }

    @Test func aFailingPrimaryPutsTheWholeAudienceAtRiskAndAnIdleBackupNobody() {
        let state = Fixture.state(after: [
            Fixture.schedule("wbc-1"), Fixture.viewers("wbc-1", 3_000_000),
            Self.health("wbc-1-primary", .down), Self.health("wbc-1-backup", .degraded),
            Self.feedAlert("wbc-1-primary"), Self.feedAlert("wbc-1-backup", kind: "feed.bitrate"),
        ])
        #expect(Self.atRisk(state) == ["feed.stale/wbc-1-primary": 3_000_000, "feed.bitrate/wbc-1-backup": 3_000_000],
                "the primary is down and the degraded backup now carries the event")
        let standby = Fixture.state(after: [
            Fixture.schedule("wbc-1"), Fixture.viewers("wbc-1", 3_000_000),
            Self.health("wbc-1-primary", .ok), Self.health("wbc-1-backup", .down), Self.feedAlert("wbc-1-backup"),
        ])
        #expect(Self.atRisk(standby) == ["feed.stale/wbc-1-backup": 0], "a backup carrying nothing puts nobody at risk")
    }

    @Test func anEventsOwnAlertCountsItsAudienceAndAChecklistNobody() {
        let state = Fixture.state(after: [
            Fixture.schedule("wbc-1"), Fixture.viewers("wbc-1", 450_000),
            .alertRaised(AlertRaised(dedupKey: "qoe.rebuffering/wbc-1", severity: .warning, summary: "rebuffering 8% on cdn-b", source: "qoe",
                                     class: "qoe.rebuffering", labels: ["event": "wbc-1", "cdn": "cdn-b"])),
            .alertRaised(AlertRaised(dedupKey: "checklist.overdue/wbc-1", severity: .warning, summary: "go/no-go overdue", source: "scheduler",
                                     class: "checklist.overdue", labels: ["event": "wbc-1"])),
            .alertRaised(AlertRaised(dedupKey: "enc/elsewhere", severity: .critical, summary: "no event", source: "x")),
        ])
        #expect(Self.atRisk(state) == ["qoe.rebuffering/wbc-1": 450_000, "checklist.overdue/wbc-1": 0, "enc/elsewhere": 0])
    }

    @Test func aResolvedAlertPutsNobodyAtRiskAndTheTotalCountsAnEventOnce() {
        var state = Fixture.state(after: [
            Fixture.schedule("wbc-1"), Fixture.viewers("wbc-1", 2_000_000), Fixture.schedule("wbc-2"), Fixture.viewers("wbc-2", 500_000),
            Self.feedAlert("wbc-1-primary"), Self.feedAlert("wbc-1-primary", kind: "content.black"), Self.feedAlert("wbc-2-primary", event: "wbc-2"),
        ], rules: Fixture.clearAtOnce)
        #expect(ViewersAtRisk.total(in: state) == 2_500_000, "two alerts on one event count its audience once")
        state.apply(Fixture.envelope(.alertCleared(AlertCleared(dedupKey: "feed.stale/wbc-2-primary", summary: "back")), at: 10, seq: 20))
        #expect(Self.atRisk(state)["feed.stale/wbc-2-primary"] == 0)
        #expect(ViewersAtRisk.total(in: state) == 2_000_000)
    }
}
