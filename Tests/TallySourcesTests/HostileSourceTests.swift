import Foundation
import Testing
import TallyCore
import TallySources
import TallyTestSupport

/// A feed or viewer source on the far side of the network answering with numbers no stream
/// carries: each becomes a feed state or a stale reading with the reason, never a trap.
@Suite(.serialized)
struct HostileSourceTests {
    static func media(target: String = "2", sequence: String = "1", extinf: String = "2.0", discontinuity: String = "0") -> [UInt8] {
        Array("""
            #EXTM3U
            #EXT-X-TARGETDURATION:\(target)
            #EXT-X-MEDIA-SEQUENCE:\(sequence)
            #EXT-X-DISCONTINUITY-SEQUENCE:\(discontinuity)
            #EXTINF:\(extinf),
            a.ts
            #EXTINF:\(extinf),
            b.ts
            #EXTINF:\(extinf),
            c.ts

            """.utf8)
    }

    static func manyVariants(_ count: Int) -> [UInt8] {
        var text = "#EXTM3U\n"
        for index in 0..<count { text += "#EXT-X-STREAM-INF:BANDWIDTH=\(1_000_000 + index)\nv\(index).m3u8\n" }
        return Array(text.utf8)
    }

    @Test(arguments: [
        ("target duration near 2^63", media(target: "9223372036854775807"), FeedStatus.down,
         "EXT-X-TARGETDURATION \"9223372036854775807\" is not a whole number of seconds from 1 to 3600"),
        ("media sequence near 2^63", media(sequence: "9223372036854775806"), .down,
         "EXT-X-MEDIA-SEQUENCE \"9223372036854775806\" is not a whole number from 0 to 2^53"),
        ("discontinuity sequence past 2^64", media(discontinuity: "99999999999999999999"), .down,
         "EXT-X-DISCONTINUITY-SEQUENCE \"99999999999999999999\" is not a whole number from 0 to 2^53"),
        ("huge EXTINF", media(extinf: "1e300"), .degraded, "6 playlist lines not understood (line 5: EXTINF duration \"1e300\""),
        ("tiny EXTINF", media(extinf: "1e-300"), .down, "live window 0.0 s"),
    ])
    func aHostilePlaylistBecomesAFeedState(name: String, playlist: [UInt8], status: FeedStatus, reason: String) async throws {
        let server = try TestHTTPServer { request in
            request.hasSuffix(".ts") ? .body(status: 200, contentType: "video/mp2t", bytes: [UInt8](repeating: 0x47, count: 18_800))
                : .body(status: 200, contentType: "application/vnd.apple.mpegurl", bytes: playlist)
        }
        defer { server.stop() }
        let health = await FaultTests.firstHealth(server.url("index.m3u8"))
        #expect(health?.status == status, "\(name): \(String(describing: health))")
        #expect(health?.reasons.first?.hasPrefix(reason) == true, "\(name): \(health?.reasons ?? [])")
    }

    // Each answer comes once the request is read, so that the client's decoder meets it in order
    // (bytes sent before the request can be lost, and the fetch then waits for its timeout).
    @Test(arguments: [
        ("redirect loop", "HTTP/1.1 302 Found\r\nLocation: /index.m3u8\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", "a redirect loop"),
        ("garbled head", "HTTP/1.1 200 OK\r\nContent Length 5\r\n\r\nhello", "a malformed HTTP answer"),
    ])
    func aBrokenHTTPAnswerIsNamedInWords(name: String, raw: String, reason: String) async throws {
        let server = try TestHTTPServer { _ in .raw(Array(raw.utf8)) }
        defer { server.stop() }
        // A timeout long enough that a loaded machine still reads the answer before it runs out.
        let health = await FaultTests.firstHealth(server.url("index.m3u8"), timeout: 10)
        #expect(health?.status == .down, "\(name)")
        #expect(health?.reasons.first?.hasPrefix(reason) == true, "\(name): \(health?.reasons ?? [])")
    }

    @Test func tenThousandVariantsAreCappedAndTheRestNamed() async throws {
        let server = try TestHTTPServer { request in
            request.contains("index") ? .body(status: 200, contentType: "application/vnd.apple.mpegurl", bytes: Self.manyVariants(10_000))
                : .body(status: 404, contentType: "text/plain", bytes: Array("no".utf8))
        }
        defer { server.stop() }
        let health = await FaultTests.firstHealth(server.url("index.m3u8"))
        #expect(health?.reasons.contains("9936 variants past the first 64 not watched") == true, "\(health?.reasons ?? [])")
    }

    @Test(arguments: [
        ("prometheus", ViewerQuery.prometheus(url: "", metric: "concurrent_viewers", matchers: []), "concurrent_viewers 1e300\n"),
        ("prometheus sum", ViewerQuery.prometheus(url: "", metric: "v", matchers: []), "v{a=\"1\"} 1.7e308\nv{a=\"2\"} 1.7e308\n"),
        ("negative", ViewerQuery.prometheus(url: "", metric: "v", matchers: []), "v -5\n"),
        ("json", ViewerQuery.json(url: "", pointer: "/n"), #"{"n": 1e300}"#),
        ("json text", ViewerQuery.json(url: "", pointer: "/n"), #"{"n": "1e300"}"#),
    ])
    func aHostileViewerCountIsRefusedAsStale(name: String, query: ViewerQuery, body: String) async throws {
        let server = try TestHTTPServer { _ in .body(status: 200, contentType: "text/plain", bytes: Array(body.utf8)) }
        defer { server.stop() }
        let log = BusLog()
        let clock = ManualClock(Instant(rfc3339: "2026-03-14T19:00:00Z")!)
        let pointed: ViewerQuery = switch query {
        case .prometheus(_, let metric, let matchers, _): .prometheus(url: server.url("metrics"), metric: metric, matchers: matchers)
        case .json(_, let pointer): .json(url: server.url("viewers"), pointer: pointer)
        }
        let poller = ViewerPoller(eventId: "e", query: pointed, intervalSeconds: 5, dropFraction: 0.4, fetcher: Fetcher(), clock: clock.now, publish: log.add)
        await poller.poll()
        #expect(log.viewerCounts.isEmpty, "\(name)")
        #expect(log.raised.first?.summary.contains("viewer count") == true, "\(name): \(log.raised.map(\.summary))")
        #expect(log.raised.first?.summary.contains("is outside 0…10000000000") == true, "\(name): \(log.raised.map(\.summary))")
    }
}
