import TallyCore
import Testing

/// Viewer-minutes affected, on a manual clock: the figure at risk is held from one change to
/// the next and banked when it changes, stops when the alert resolves, and is the same on every
/// console that applied the same envelopes. A CDN's share from a source that breaks the audience
/// down, and a route that pages the lead for a big audience.
struct AlertImpactTests {
    /// Applies `events`, each at its second from `Fixture.t0`.
    static func state(_ events: [(Double, BusEvent)], rules: AlertRules = Fixture.clearAtOnce) -> ConsoleState {
        var state = ConsoleState(rules: rules)
        for (index, (seconds, event)) in events.enumerated() {
            state.apply(Fixture.envelope(event, at: seconds, seq: UInt64(index + 1)))
        }
        return state
    }

    static let primaryDown = ViewersAtRiskTests.feedAlert("wbc-1-primary")

    @Test func viewerMinutesAccumulateWhileTheAlertIsOpenAndStopWhenItResolves() throws {
        let open = Self.state([
            (0, Fixture.schedule("wbc-1")), (0, Fixture.viewers("wbc-1", 3_000_000)), (10, Self.primaryDown),
            (70, Fixture.viewers("wbc-1", 2_000_000)), (100, Fixture.viewers("wbc-1", 2_000_000)),
        ])
        let alert = try #require(open.alerts[1])
        let impact = try #require(alert.impact)
        #expect(impact.atRisk == 2_000_000 && impact.peak == 3_000_000)
        // 3M for the minute from 0:10 to 1:10, then 2M: 2M·min more by 2:10.
        #expect(impact.viewerMinutes(at: Fixture.t0.adding(seconds: 130)) == 5_000_000)
        let resolved = Self.state([
            (0, Fixture.schedule("wbc-1")), (0, Fixture.viewers("wbc-1", 3_000_000)), (10, Self.primaryDown),
            (40, .alertCleared(AlertCleared(dedupKey: "feed.stale/wbc-1-primary"))), (50, Fixture.viewers("wbc-1", 1_000_000)),
        ])
        let settled = try #require(resolved.alerts[1]?.impact)
        #expect(settled.atRisk == 0, "a resolved alert puts nobody at risk")
        #expect(settled.viewerMinutes(at: Fixture.t0.adding(seconds: 3600)) == 1_500_000, "3M for the 30 s it was open, and no more")
    }

    @Test func anIdleBackupsAlertCostsNothingUntilItCarriesTheEvent() throws {
        let state = Self.state([
            (0, Fixture.schedule("wbc-1")), (0, Fixture.viewers("wbc-1", 1_000_000)),
            (0, ViewersAtRiskTests.health("wbc-1-primary", .ok)), (0, ViewersAtRiskTests.health("wbc-1-backup", .degraded)),
            (0, ViewersAtRiskTests.feedAlert("wbc-1-backup", kind: "feed.bitrate")),
            (120, ViewersAtRiskTests.health("wbc-1-primary", .down)),
        ])
        let impact = try #require(state.alerts[1]?.impact)
        #expect(impact.atRisk == 1_000_000, "the backup carries the event once the primary is down")
        #expect(impact.viewerMinutes(at: Fixture.t0.adding(seconds: 180)) == 1_000_000, "nothing for the two minutes it stood by, then a minute of 1M")
    }

    @Test func theFiguresAreTheSameWhicheverConsoleAppliedTheEnvelopes() {
        let events: [(Double, BusEvent)] = [(0, Fixture.schedule("wbc-1")), (0, Fixture.viewers("wbc-1", 2_500_000)), (5, Self.primaryDown),
                                            (65, Fixture.viewers("wbc-1", 2_000_000))]
        #expect(Self.state(events) == Self.state(events))
        #expect(Self.state(events).alerts[1]?.raised.labels["viewers_at_risk"] == "2500000", "the figure the routes saw at the raise")
    }

    @Test func aCDNsAlertPutsOnlyItsShareAtRiskWhereTheSourceBreaksTheAudienceDown() {
        let shares = BusEvent.viewers(ViewerSample(eventId: "wbc-1", concurrent: 2_000_000, shares: ["cdn": ["cdn-a": 1_200_000, "cdn-b": 800_000]]))
        let rebuffering = BusEvent.alertRaised(AlertRaised(dedupKey: "qoe.rebuffering/wbc-1/cdn-b", severity: .warning, summary: "rebuffering 8% on cdn-b",
                                                           source: "qoe", class: "qoe.rebuffering", labels: ["event": "wbc-1", "cdn": "cdn-b"]))
        let elsewhere = BusEvent.alertRaised(AlertRaised(dedupKey: "qoe.rebuffering/wbc-1/cdn-z", severity: .warning, summary: "rebuffering on cdn-z",
                                                         source: "qoe", class: "qoe.rebuffering", labels: ["event": "wbc-1", "cdn": "cdn-z"]))
        let state = Self.state([(0, Fixture.schedule("wbc-1")), (0, shares), (1, rebuffering), (2, elsewhere)])
        #expect(ViewersAtRiskTests.atRisk(state) == ["qoe.rebuffering/wbc-1/cdn-b": 800_000, "qoe.rebuffering/wbc-1/cdn-z": 2_000_000],
                "cdn-b's share; a CDN the source does not break down counts everyone")
    }

    @Test func anEdgeFeedPutsItsCDNsShareAtRisk() {
        let edges = BusEvent.eventScheduled(LiveEventScheduled(
            eventId: "wbc-1", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet, start: Fixture.t0, end: Fixture.t0.adding(seconds: 3600),
            feeds: [FeedDescriptor(feedId: "wbc-1-edge-a", role: .primary, path: "cdn-a", hop: .edge),
                    FeedDescriptor(feedId: "wbc-1-edge-b", role: .primary, path: "cdn-b", hop: .edge)]))
        let shares = BusEvent.viewers(ViewerSample(eventId: "wbc-1", concurrent: 2_000_000, shares: ["cdn": ["cdn-a": 1_200_000, "cdn-b": 800_000]]))
        let state = Self.state([(0, edges), (0, shares), (1, ViewersAtRiskTests.feedAlert("wbc-1-edge-b"))])
        #expect(ViewersAtRiskTests.atRisk(state) == ["feed.stale/wbc-1-edge-b": 800_000])
    }

    @Test func aRouteOnViewersAtRiskPagesTheLeadForABigAudience() throws {
        let lead = EscalationPolicy(name: "big-audience", levels: [.init(targets: ["user:lead"], delaySeconds: 0)], acknowledgementTimeoutSeconds: 600)
        let rules = AlertRules(routes: [.init(matchers: [try LabelMatcher.parse("viewers_at_risk>=1000000")], policy: lead)], holdDownSeconds: 0)
        let big = Self.state([(0, Fixture.schedule("wbc-1")), (0, Fixture.viewers("wbc-1", 3_000_000)), (1, Self.primaryDown)], rules: rules)
        #expect(big.alerts[1]?.escalation.policy.name == "big-audience")
        let small = Self.state([(0, Fixture.schedule("wbc-1")), (0, Fixture.viewers("wbc-1", 50_000)), (1, Self.primaryDown)], rules: rules)
        #expect(small.alerts[1]?.escalation.policy.name == AlertRules.standard.fallback.name)
        let standby = Self.state([(0, Fixture.schedule("wbc-1")), (0, Fixture.viewers("wbc-1", 3_000_000)),
                                  (0, ViewersAtRiskTests.health("wbc-1-primary", .ok)), (1, ViewersAtRiskTests.feedAlert("wbc-1-backup"))], rules: rules)
        #expect(standby.alerts[1]?.escalation.policy.name == AlertRules.standard.fallback.name, "an idle backup puts nobody at risk")
    }
}
