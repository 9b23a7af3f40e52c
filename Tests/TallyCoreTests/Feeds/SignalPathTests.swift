import Testing
import TallyCore

/// The signal chain: hops in order, the carrier of each, failover, and where a failure sits.
struct SignalPathTests {
    static let event = LiveEventScheduled(
        eventId: "wbc-01", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet,
        start: Fixture.t0, end: Fixture.t0.adding(seconds: 3 * 3600),
        feeds: [
            FeedDescriptor(feedId: "edge", role: .primary, path: "cdn-a", hop: .edge, team: "cdn"),
            FeedDescriptor(feedId: "fibre", role: .primary, path: "fibre", team: "venue-ops"),
            FeedDescriptor(feedId: "srt", role: .backup, path: "srt", team: "venue-ops"),
            FeedDescriptor(feedId: "origin", role: .primary, path: "", hop: .origin, team: "packaging"),
        ])

    func path(_ statuses: [FeedID: FeedStatus]) -> SignalPath {
        var feeds: [FeedID: FeedState] = [:]
        for descriptor in Self.event.feeds {
            var feed = FeedState(descriptor: descriptor, eventId: "wbc-01")
            feed.status = statuses[descriptor.feedId] ?? .unknown
            feeds[descriptor.feedId] = feed
        }
        return SignalPath(event: Self.event, feeds: feeds)
    }

    @Test func hopsRunFromTheVenueToTheAudience() {
        let chain = path(["fibre": .ok, "srt": .ok, "origin": .ok, "edge": .ok])
        #expect(chain.stages.map(\.hop) == [.contribution, .origin, .edge])
        #expect(chain.stages.first?.carrier?.descriptor.feedId == "fibre")
        #expect(chain.stages.map(\.status) == [.ok, .ok, .ok])
        #expect(chain.breakPoint == nil)
    }

    @Test func aFailedPrimaryWithAPlayingBackupIsAFailover() {
        let chain = path(["fibre": .down, "srt": .ok, "origin": .ok, "edge": .ok])
        let venue = chain.stages[0]
        #expect(venue.carrier?.descriptor.feedId == "srt")
        #expect(venue.isFailover)
        #expect(venue.status == .degraded, "carried, but on its backup")
        #expect(venue.owner == "venue-ops")
        #expect(chain.breakPoint == nil)
    }

    @Test func theBreakIsTheFirstHopThatCarriesNothingAndNamesItsOwner() {
        let chain = path(["fibre": .ok, "srt": .ok, "origin": .down, "edge": .down])
        #expect(chain.breakPoint?.hop == .origin)
        #expect(chain.breakPoint?.owner == "packaging")
        #expect(path([:]).stages.map(\.status) == [.unknown, .unknown, .unknown], "nothing probed yet is unknown, not down")
    }
}
