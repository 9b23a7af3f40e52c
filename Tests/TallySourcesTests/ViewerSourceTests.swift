import Foundation
import Testing
import TallyCore
@testable import TallySources
import TallyTestSupport

/// Viewer counts from Prometheus text and JSON: summed per event, stale rather than zero when
/// the source fails, and a sudden fall raised as an alert.
@Suite(.serialized)
struct ViewerSourceTests {
    static let exposition = """
        # HELP concurrent_viewers Viewers playing, starting or rebuffering.
        # TYPE concurrent_viewers gauge
        concurrent_viewers{event="wbc-01",cdn="cdn-a"} 4100000
        concurrent_viewers{event="wbc-01",cdn="cdn-b"} 2930000 1710446400000
        concurrent_viewers{event="wbc-02",cdn="cdn-a"} 1200000
        joins_per_minute{event="wbc-01"} 35000
        garbage line without a value
        """

    @Test func prometheusSamplesAreSummedOverTheMatchingLabels() {
        let matchers = [LabelMatcher(label: "event", equals: "wbc-01")]
        #expect(PrometheusText.sum(Self.exposition, metric: "concurrent_viewers", matchers: matchers) == 7_030_000)
        #expect(PrometheusText.sum(Self.exposition, metric: "concurrent_viewers", matchers: []) == 8_230_000)
        #expect(PrometheusText.sum(Self.exposition, metric: "no_such_metric", matchers: []) == nil)
        #expect(PrometheusText.parseLabels(#"a="1",b="say \"hi\"""#) == ["a": "1", "b": #"say "hi""#])
    }

    @Test func aSourceBrokenDownByCDNGivesEachCDNsShareAndRefusesABadOne() async throws {
        let matchers = [LabelMatcher(label: "event", equals: "wbc-01")]
        #expect(PrometheusText.shares(Self.exposition, metric: "concurrent_viewers", matchers: matchers, by: ["cdn", "region"])
                == ["cdn": ["cdn-a": 4_100_000, "cdn-b": 2_930_000]], "no sample has a region: no share by it")
        #expect(ViewerPoller.shares(["cdn": ["cdn-a": 1e300, "cdn-b": 5]]) == nil, "a share out of range leaves its label out")
        let server = try TestHTTPServer { _ in .body(status: 200, contentType: "text/plain", bytes: Array(Self.exposition.utf8)) }
        defer { server.stop() }
        let log = BusLog()
        let poller = ViewerPoller(eventId: "wbc-01", query: .prometheus(url: server.url("metrics"), metric: "concurrent_viewers", matchers: matchers,
                                                                        breakdown: ["cdn"]),
                                  intervalSeconds: 5, dropFraction: 0.4, fetcher: Fetcher(), clock: { Instant(millisecondsSinceEpoch: 0) }, publish: log.add)
        await poller.poll()
        let sample = log.all.compactMap { if case .viewers(let sample) = $0 { sample } else { nil } }.first
        #expect(sample?.concurrent == 7_030_000 && sample?.shares == ["cdn": ["cdn-a": 4_100_000, "cdn-b": 2_930_000]])
    }

    @Test func aJSONPointerFindsTheNumber() {
        let body = Array(#"{"audience":{"concurrent":9612345,"by cdn/region":[{"n":"12"}]},"live":true}"#.utf8)
        #expect(JSONPointer.number(in: body, at: "/audience/concurrent") == 9_612_345)
        #expect(JSONPointer.number(in: body, at: "/audience/by cdn~1region/0/n") == 12)
        #expect(JSONPointer.number(in: body, at: "/live") == nil, "a boolean is not a count")
        #expect(JSONPointer.number(in: body, at: "/missing") == nil)
    }

    @Test func aPollerReportsCountsThenStaleThenADrop() async throws {
        let answers = Answers(.body(status: 200, contentType: "text/plain", bytes: Array(Self.exposition.utf8)))
        let server = try TestHTTPServer { _ in answers.current }
        defer { server.stop() }
        let log = BusLog()
        let clock = ManualClock(Instant(rfc3339: "2026-03-14T19:00:00Z")!)
        let poller = ViewerPoller(eventId: "wbc-01", query: .prometheus(url: server.url("metrics"), metric: "concurrent_viewers",
                                                                        matchers: [LabelMatcher(label: "event", equals: "wbc-01")]),
                                  intervalSeconds: 5, dropFraction: 0.4, fetcher: Fetcher(), clock: clock.now, publish: log.add)
        await poller.poll()
        #expect(log.viewerCounts == [7_030_000])

        answers.set(.body(status: 503, contentType: "text/plain", bytes: Array("overloaded".utf8)))
        clock.advance(15)
        await poller.poll()
        #expect(log.viewerCounts == [7_030_000], "a failing source reports no zero")
        #expect(log.raised.map(\.summary) == ["viewer counts stale since 19:00:00 UTC: HTTP 503"])

        answers.set(.body(status: 200, contentType: "text/plain",
                          bytes: Array("concurrent_viewers{event=\"wbc-01\"} 2530000\n".utf8)))
        clock.advance(15)
        await poller.poll()
        #expect(log.viewerCounts == [7_030_000, 2_530_000])
        #expect(log.cleared == ["viewers.stale/wbc-01"])
        #expect(log.raised.last?.dedupKey == "viewers.drop/wbc-01")
        #expect(log.raised.last?.summary == "viewers fell 64% within a minute (7.03M → 2.53M)")
        #expect(log.raised.last?.severity == .critical)
    }
}

/// Time that moves only when a test says so.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Instant
    init(_ instant: Instant) { self.instant = instant }
    func advance(_ seconds: Double) { lock.withLock { instant = instant.adding(seconds: seconds) } }
    var now: @Sendable () -> Instant { { [self] in lock.withLock { instant } } }
}

extension BusLog {
    var viewerCounts: [Int] { all.compactMap { if case .viewers(let sample) = $0 { sample.concurrent } else { nil } } }
    var cleared: [String] { all.compactMap { if case .alertCleared(let cleared) = $0 { cleared.dedupKey } else { nil } } }
}
