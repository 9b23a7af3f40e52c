import Foundation
import Testing
import TallyCore
import TallySources
import TallyTestSupport

/// Every way a server can fail a monitor becomes a feed state with a reason, quickly, never a
/// crash or a hang.
@Suite(.serialized)
struct FaultTests {
    static let garbage = Array("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1\n\u{1}\u{2}junk\n#EXTINF:2.0,\na.ts\n#EXTINF:2.0,\nb.ts\n#EXTINF:2.0,\nc.ts\n".utf8)

    /// Runs a monitor on `url` until its first health report, and returns it.
    static func firstHealth(_ url: String, timeout: Double = 0.5) async -> FeedHealthChanged? {
        let log = BusLog()
        var settings = FeedMonitor.Settings(feedId: "f", url: url)
        settings.requestTimeoutSeconds = timeout
        let monitor = FeedMonitor(settings: settings, fetcher: Fetcher(), clock: { Instant.now() }, publish: log.add)
        let task = Task(executorPreference: BusLog.executor) { await monitor.run() }
        defer { task.cancel() }
        return await log.waitForHealth(timeout: 30) { _ in true }
    }

    @Test(arguments: [
        ("404", TestHTTPServer.Answer.body(status: 404, contentType: "text/plain", bytes: Array("gone".utf8)), FeedStatus.down, "HTTP 404"),
        ("html", .body(status: 200, contentType: "text/html", bytes: Array("<!DOCTYPE html><html>503</html>".utf8)), .down,
         "not a playlist: starts with \"<!DOCTYPE html><html>503</html>\""),
        ("silent", .neverAnswer, .down, "no answer within 0.5 s"),
        ("trickle", .trickle(bytes: Array("#EXTM3U\n#EXT-X-TARGETDURATION:2\n".utf8), delay: 0.2), .down, "no answer within 0.5 s"),
        ("closed", .closeConnection, .down, "the server closed the connection"),
        ("garbage", .body(status: 200, contentType: "application/vnd.apple.mpegurl", bytes: FaultTests.garbage), .degraded,
         "1 playlist line not understood (line 4: "),
    ])
    func aMisbehavingServerBecomesAFeedState(name: String, answer: TestHTTPServer.Answer, status: FeedStatus, reason: String) async throws {
        let server = try TestHTTPServer { _ in answer }
        defer { server.stop() }
        // A hang would show as no report, or as a report without the deadline's reason.
        let health = await Self.firstHealth(server.url("index.m3u8"))
        #expect(health?.status == status, "\(name): \(String(describing: health))")
        #expect(health?.reasons.first?.hasPrefix(reason) == true, "\(name): \(health?.reasons ?? [])")
    }

    @Test func aRefusedConnectionAndAnUnknownHostAndAFailedTLSHandshakeAreDown() async throws {
        let refused = await Self.firstHealth("http://127.0.0.1:9/index.m3u8")
        #expect(refused?.status == .down)
        #expect(refused?.reasons.first == "connection refused")

        let unknown = await Self.firstHealth("http://no-such-host.invalid/index.m3u8")
        #expect(unknown?.status == .down)
        #expect(unknown?.reasons.first?.isEmpty == false, "\(unknown?.reasons ?? [])")

        let plain = try TestHTTPServer { _ in .closeConnection }
        plain.greeting = Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".utf8)
        defer { plain.stop() }
        let tls = await Self.firstHealth("https://127.0.0.1:\(plain.port)/index.m3u8")
        #expect(tls?.status == .down)
        #expect(tls?.reasons.first == "TLS handshake failed", "\(tls?.reasons ?? [])")
    }
}
