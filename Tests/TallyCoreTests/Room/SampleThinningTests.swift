import TallyCore
import Testing

/// Samples on their way to the room's log: the first of a key at once, the newest of those
/// that follow within the interval when it is up, everything else at once and in order.
struct SampleThinningTests {
    static let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    func sample(_ feed: String, _ sequence: Int, at seconds: Double) -> Envelope {
        let sample = FeedSample(feedId: feed, variant: "720p", targetDuration: 2, playlistAge: 1, mediaSequence: sequence, discontinuitySequence: 0,
                                liveWindow: 12, segmentDownloadTime: 0.2, measuredBitrate: 3_000_000, declaredBitrate: 3_000_000, errors: 0)
        return Envelope(seq: 0, timestamp: Self.start.adding(seconds: seconds), source: "monitor", event: .feedSample(sample))
    }

    func health(_ feed: String, at seconds: Double) -> Envelope {
        Envelope(seq: 0, timestamp: Self.start.adding(seconds: seconds), source: "monitor", event: .feedHealth(FeedHealthChanged(feedId: feed, status: .degraded)))
    }

    func sequences(_ envelopes: [Envelope]) -> [String] {
        envelopes.map {
            switch $0.event {
            case .feedSample(let sample): "\(sample.feedId)#\(sample.mediaSequence)"
            case .feedHealth(let health): "\(health.feedId) health"
            default: "other"
            }
        }
    }

    @Test func theNewestSampleOfAnIntervalGoesWhenItIsUp() {
        var thinning = SampleThinning(intervalSeconds: 5)
        #expect(sequences(thinning.pass([sample("a", 1, at: 0), sample("b", 1, at: 0)], now: 100)) == ["a#1", "b#1"], "the first of each feed at once")
        #expect(sequences(thinning.pass([sample("a", 2, at: 2), health("a", at: 2)], now: 102)) == ["a health"], "health never waits")
        #expect(sequences(thinning.pass([sample("a", 3, at: 4)], now: 104)).isEmpty)
        #expect(thinning.secondsUntilRelease(now: 104) == 1)
        #expect(sequences(thinning.pass([], now: 105)) == ["a#3"], "the newest of the interval, once it is up")
        #expect(thinning.thinnedCount == 1)
        #expect(thinning.secondsUntilRelease(now: 105) == nil, "nothing held")
        #expect(sequences(thinning.pass([sample("a", 4, at: 6)], now: 106)).isEmpty, "the interval starts again from the release")
        #expect(sequences(thinning.pass([sample("b", 2, at: 7)], now: 107)) == ["b#2"], "b's interval was up")
        #expect(sequences(thinning.releaseAll()) == ["a#4"], "a stop lets the held go")
    }

    @Test func aBusyNightReachesTheRoomAtOneSampleAFeedEveryFiveSeconds() {
        var thinning = SampleThinning(intervalSeconds: 5)
        var passed = 0
        var probed = 0
        for second in 0..<600 {
            // 500 feeds, each probed every 2 s, half of them on each second.
            let probes = (0..<500).filter { $0 % 2 == second % 2 }.map { sample("feed-\($0)", second, at: Double(second)) }
            probed += probes.count
            passed += thinning.pass(probes, now: Double(second)).count
        }
        #expect(probed == 150_000)
        #expect(passed <= 500 * (600 / 5 + 1), "at most one sample a feed every 5 s, and the first (\(passed) of \(probed))")
        #expect(passed >= 500 * (600 / 6), "and at least one every 6 s")
    }
}
