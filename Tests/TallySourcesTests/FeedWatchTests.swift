import Testing
import TallyCore
@testable import TallySources

/// The monitor's decisions on a manual clock: stale, backwards, slow, over bandwidth, failing,
/// ended, a variant that disappears, and recovery only after clean polls.
struct FeedWatchTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!
    func at(_ seconds: Double) -> Instant { Self.t0.adding(seconds: seconds) }

    static func media(sequence: Int, segments: Int = 6, target: Double = 2, discontinuity: Int = 0, ended: Bool = false) -> MediaPlaylist {
        MediaPlaylist(targetDuration: target, mediaSequence: sequence, discontinuitySequence: discontinuity,
                      segments: (0..<segments).map { .init(uri: "seg\(sequence + $0).ts", duration: target, discontinuity: false, cue: nil) },
                      hasEndList: ended, playlistType: nil, issues: [])
    }

    func watch() -> VariantWatch { VariantWatch(name: "720p", declaredBandwidth: 3_000_000, averageBandwidth: 2_500_000) }

    @Test func aPlaylistThatStopsGrowingTurnsDegradedThenDown() {
        var variant = watch()
        variant.record(.playlist(Self.media(sequence: 100)), at: at(0))
        #expect(variant.status == .ok)
        variant.record(.playlist(Self.media(sequence: 100)), at: at(3))
        #expect(variant.status == .ok, "1.5 × target duration is allowed")
        variant.record(.playlist(Self.media(sequence: 100)), at: at(3.2))
        #expect(variant.status == .degraded)
        variant.record(.playlist(Self.media(sequence: 100)), at: at(6.2))
        #expect(variant.status == .down)
        #expect(variant.problems.map(\.reason) == ["no new segment for 6.2 s, 3.1 × target duration"])
    }

    @Test func aMediaSequenceGoingBackwardsIsDown() {
        var variant = watch()
        variant.record(.playlist(Self.media(sequence: 1042)), at: at(0))
        variant.record(.playlist(Self.media(sequence: 1038)), at: at(2))
        #expect(variant.status == .down)
        #expect(variant.problems.first?.reason == "media sequence went backwards 1042 → 1038")
    }

    @Test func aSlowSegmentIsDegradedThenDownAndAnOverRateOneDegraded() {
        var variant = watch()
        variant.record(.playlist(Self.media(sequence: 1)), at: at(0))
        variant.record(VariantWatch.SegmentProbe(sequence: 6, bytes: 700_000, seconds: 1.2, mediaSeconds: 2))
        #expect(variant.status == .degraded)
        variant.record(VariantWatch.SegmentProbe(sequence: 7, bytes: 700_000, seconds: 5.8, mediaSeconds: 2))
        #expect(variant.status == .down)
        #expect(variant.problems.map(\.reason) == ["segment took 5.8 s for 2.0 s of media"])
        variant.record(VariantWatch.SegmentProbe(sequence: 8, bytes: 1_000_000, seconds: 0.2, mediaSeconds: 2))
        #expect(variant.problems.map(\.reason).contains("bitrate 4.0 Mb/s over the declared 3.0 Mb/s"))
    }

    @Test func failuresCountAndRecoveryWaitsForTwoCleanPolls() {
        var variant = watch()
        variant.record(.playlist(Self.media(sequence: 1)), at: at(0))
        for second in 1...4 { variant.record(.failure("HTTP 503"), at: at(Double(second) * 0.5)) }
        #expect(variant.status == .down)
        #expect(variant.problems.first?.reason == "HTTP 503 ×4")
        variant.record(.playlist(Self.media(sequence: 2)), at: at(2.5))
        #expect(variant.status == .down, "one clean poll is not enough")
        variant.record(.playlist(Self.media(sequence: 3)), at: at(4.5))
        #expect(variant.status == .ok)
        #expect(variant.problems.isEmpty)
    }

    @Test func anEndListDuringALiveEventIsDownAndAShortWindowDegraded() {
        var ended = watch()
        ended.record(.playlist(Self.media(sequence: 1, ended: true)), at: at(0))
        #expect(ended.problems.map(\.kind) == ["feed.ended"])
        var short = watch()
        short.record(.playlist(Self.media(sequence: 1, segments: 2)), at: at(0))
        #expect(short.problems.map(\.reason) == ["live window 4.0 s, under 3 × target duration"])
    }

    @Test func anEndListOffAirIsExpectedAndOnAirIsDown() {
        var feed = FeedWatch(feedId: "wbc-01-main")
        feed.expectsLive = false
        feed.watchSingle(uri: "main.m3u8")
        feed.record(.playlist(Self.media(sequence: 1, ended: true)), variant: "main.m3u8", at: at(0))
        #expect(feed.problems(at: at(30)).isEmpty)
        #expect(feed.status(at: at(30)) == .ok)
        feed.expectsLive = true
        feed.record(.playlist(Self.media(sequence: 1, ended: true)), variant: "main.m3u8", at: at(31))
        #expect(feed.problems(at: at(31)).map(\.kind) == ["feed.ended"])
    }

    @Test func aVariantThatDisappearsIsCriticalAfterTwoMinutes() {
        var feed = FeedWatch(feedId: "wbc-01-primary")
        let variants = [MultivariantPlaylist.Variant(uri: "1080p.m3u8", bandwidth: 6_000_000, resolution: "1920x1080"),
                        MultivariantPlaylist.Variant(uri: "720p.m3u8", bandwidth: 3_000_000, resolution: "1280x720")]
        feed.record(MultivariantPlaylist(variants: variants, issues: []), at: at(0))
        for uri in ["1080p.m3u8", "720p.m3u8"] { feed.record(.playlist(Self.media(sequence: 1)), variant: uri, at: at(0)) }
        #expect(feed.status(at: at(0)) == .ok)
        feed.record(MultivariantPlaylist(variants: [variants[1]], issues: []), at: at(10))
        #expect(feed.status(at: at(20)) == .degraded)
        #expect(feed.problems(at: at(20)).map(\.reason) == ["variant 1080p missing for 10s"])
        #expect(feed.problems(at: at(130)).first?.severity == .critical, "missing two minutes is critical")
        #expect(feed.status(at: at(130)) == .degraded, "the feed still plays on 720p")
        feed.record(MultivariantPlaylist(variants: variants, issues: []), at: at(140))
        #expect(feed.problems(at: at(140)).isEmpty)
    }

    @Test func aFeedStillPlayingOnOneVariantIsDegradedNotDown() {
        var feed = FeedWatch(feedId: "wbc-01-primary")
        feed.record(MultivariantPlaylist(variants: [.init(uri: "a.m3u8", bandwidth: 1), .init(uri: "b.m3u8", bandwidth: 1)], issues: []), at: at(0))
        feed.record(.playlist(Self.media(sequence: 1)), variant: "a.m3u8", at: at(0))
        feed.record(.failure("HTTP 404"), variant: "b.m3u8", at: at(0))
        #expect(feed.status(at: at(0)) == .degraded)
        #expect(feed.problems(at: at(0)).map(\.reason) == ["b.m3u8: HTTP 404"])
    }
}
