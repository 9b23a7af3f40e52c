import Foundation
import Testing
import TallyCore
import TallySources
import TallyTestSupport

/// Content checks on real live streams: ffmpeg writes 1-second HLS segments served on
/// 127.0.0.1, and the feed's monitor checks them as they come.
@Suite(.enabled(if: FFmpeg.isInstalled, "ffmpeg is not installed: the live content tests are skipped"), .serialized)
struct LiveContentTests {
    static let tone = "sine=frequency=1000:sample_rate=48000,volume=-2dB"

    /// A monitor of the stream ffmpeg makes of `video` and `audio`, checking its content every 2 s (or `every`).
    final class Watched: Sendable {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-content-\(UUID())")
        let server: TestHTTPServer
        let log = BusLog()
        let watching: Task<Void, Never>

        init(every: Double = 2) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            server = try TestHTTPServer.files(in: folder)
            var settings = FeedMonitor.Settings(feedId: "test-primary", url: server.url("index.m3u8"), labels: ["event": "test", "team": "encoding"])
            // ffmpeg on a machine busy with the other tests' processes: not niced below them, a generous limit and budget.
            var checker = ContentChecker()
            checker.timeLimitSeconds = 30
            checker.niceness = 0
            settings.content = FeedMonitor.ContentSettings(checker: checker, budget: ContentBudget(cores: 2), everySeconds: every)
            let monitor = FeedMonitor(settings: settings, fetcher: Fetcher(), clock: { Instant.now() }, publish: log.add)
            watching = Task(executorPreference: BusLog.executor) { await monitor.run() }
        }

        func stop() {
            watching.cancel()
            server.stop()
            try? FileManager.default.removeItem(at: folder)
        }

        var checks: [ContentChecked] { log.all.compactMap { if case .feedContent(let checked) = $0 { checked } else { nil } } }
        var cleared: [String] { log.all.compactMap { if case .alertCleared(let cleared) = $0 { cleared.dedupKey } else { nil } } }
    }

    @Test func aBlackPictureRaisesContentBlackAndClearsWhenThePictureReturns() async throws {
        let watched = try Watched()
        defer { watched.stop() }
        var ffmpeg = try LiveStreamTests.startFFmpeg(into: watched.folder, video: "color=black:size=320x180:rate=25", audio: Self.tone)
        defer { LiveStreamTests.stop(ffmpeg) }
        let raised = await poll(timeout: 90, every: 0.2) { watched.log.raised.first { $0.dedupKey == "content.black/test-primary" } }
        #expect(raised?.severity == .critical, "content.black raised; \(watched.checks.count) checks, the last \(watched.checks.suffix(2)), health \(watched.log.health.suffix(3))")
        #expect(raised?.labels["team"] == "encoding")
        #expect(raised?.summary.hasPrefix("black picture for ") == true, "\(raised?.summary ?? "")")
        LiveStreamTests.stop(ffmpeg)
        ffmpeg = try LiveStreamTests.startFFmpeg(into: watched.folder, video: "testsrc2=size=320x180:rate=25", audio: Self.tone)
        let cleared = await poll(timeout: 90, every: 0.2) { watched.cleared.contains("content.black/test-primary") ? true : nil }
        #expect(cleared == true, "content.black cleared once the picture is back")
    }

    /// A looped still image, silence, and a tone 11 dB over the target: each raises its alert.
    @Test(arguments: [
        ("testsrc2=size=320x180:rate=25,trim=end_frame=1,loop=loop=-1:size=1", LiveContentTests.tone, "content.frozen"),
        ("testsrc2=size=320x180:rate=25", "anullsrc=r=48000:cl=stereo", "content.silent"),
        ("testsrc2=size=320x180:rate=25", "sine=frequency=1000:sample_rate=48000,volume=9dB", "content.loudness"),
    ])
    func eachConditionRaisesItsAlertOnALiveStream(video: String, audio: String, kind: String) async throws {
        let watched = try Watched()
        defer { watched.stop() }
        let ffmpeg = try LiveStreamTests.startFFmpeg(into: watched.folder, video: video, audio: audio)
        defer { LiveStreamTests.stop(ffmpeg) }
        let raised = await poll(timeout: 90, every: 0.2) { watched.log.raised.first { $0.dedupKey == "\(kind)/test-primary" } }
        #expect(raised != nil, "\(kind) raised; checks were \(watched.checks.suffix(2))")
        let others = watched.log.raised.filter { $0.dedupKey.hasPrefix("content.") && $0.dedupKey != "\(kind)/test-primary" }
        #expect(others.isEmpty, "nothing else: \(others.map(\.summary))")
    }

    /// The time an operator waits: a picture turning black 20 s into a stream of 2 s segments,
    /// checked at the standard interval of 10 s, to `content.black` on the bus (the console
    /// draws an alert in the frame that follows it). Black must last 10 s before it alerts, and
    /// a check can come up to 10 s after the picture turns, a segment or two later: 12-24 s.
    @Test func aPictureTurningBlackAlertsWithinTwoChecks() async throws {
        let watched = try Watched(every: 10)
        defer { watched.stop() }
        let started = Date()
        let ffmpeg = try LiveStreamTests.startFFmpeg(
            into: watched.folder, video: "testsrc2=size=320x180:rate=25,drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='gte(t,20)'",
            audio: Self.tone, segmentSeconds: 2)
        defer { LiveStreamTests.stop(ffmpeg) }
        let raised = await poll(timeout: 120, every: 0.1) { watched.log.raised.first { $0.dedupKey == "content.black/test-primary" } }
        let waited = Date().timeIntervalSince(started) - 20
        #expect(raised != nil, "content.black raised; checks \(watched.checks.suffix(3))")
        print(String(format: "picture black to content.black: %.1f s (2 s segments, a check every 10 s, %d checks)", waited, watched.checks.count))
        #expect(waited >= 10, "not before black has lasted 10 s")
        #expect(waited <= 45, "within two checks and a couple of segments, with room for a busy machine")
        #expect(watched.log.raised.filter { $0.dedupKey.hasPrefix("content.") && $0.dedupKey != "content.black/test-primary" }.isEmpty)
    }

    @Test func aMovingPictureWithToneRaisesNothingOverAMinute() async throws {
        let watched = try Watched()
        defer { watched.stop() }
        let ffmpeg = try LiveStreamTests.startFFmpeg(into: watched.folder, video: "testsrc2=size=320x180:rate=25", audio: Self.tone)
        defer { LiveStreamTests.stop(ffmpeg) }
        let checked = await poll(timeout: 60, every: 0.2) { watched.checks.first }
        #expect(checked != nil, "the stream is checked; health \(watched.log.health.suffix(3))")
        // A minute of the stream from its first check: no content alert, and every check ran.
        let began = Date()
        _ = await poll(timeout: 120, every: 1) { Date().timeIntervalSince(began) >= 60 && watched.checks.count >= 10 ? true : nil }
        #expect(watched.log.raised.filter { $0.dedupKey.hasPrefix("content.") }.isEmpty, "no false alarm: \(watched.log.raised.map(\.summary))")
        #expect(watched.checks.count >= 10, "checked every 2 s, or as often as a busy machine lets it: \(watched.checks.count) checks")
        #expect(watched.checks.allSatisfy { $0.problem == nil }, "\(watched.checks.compactMap(\.problem))")
    }
}
