import Foundation
import Glibc
import Testing
import TallyCore
import TallySources
import TallyTestSupport

/// What a monitor publishes, collected for assertions.
final class BusLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [(event: BusEvent, at: Instant)] = []

    func add(_ event: BusEvent, _ at: Instant) { lock.withLock { events.append((event, at)) } }
    var all: [BusEvent] { lock.withLock { events.map(\.event) } }

    var health: [FeedHealthChanged] { all.compactMap { if case .feedHealth(let health) = $0 { health } else { nil } } }
    /// When the first health report at or after `start` that satisfies `check` was published.
    func firstHealthTime(from start: Instant, where check: (FeedHealthChanged) -> Bool) -> Instant? {
        lock.withLock {
            events.first { entry in
                guard entry.at >= start, case .feedHealth(let health) = entry.event else { return false }
                return check(health)
            }?.at
        }
    }

    /// The thread the monitors under test run on, away from the test runner's busy threads.
    static let executor = ThreadExecutor(name: "monitor-tests")
    var raised: [AlertRaised] { all.compactMap { if case .alertRaised(let raised) = $0 { raised } else { nil } } }

    /// Polls until the newest health report satisfies `check`, or the deadline passes;
    /// it sleeps without holding a thread, so the monitor under test keeps running.
    @discardableResult
    func waitForHealth(timeout: Double, _ check: (FeedHealthChanged) -> Bool) async -> FeedHealthChanged? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let latest = health.last, check(latest) { return latest }
            try? await Task.sleep(for: .milliseconds(50))
        } while Date() < deadline
        // The test's own thread may have been kept busy past the deadline: look once more.
        return health.last.flatMap { check($0) ? $0 : nil }
    }
}

/// A real live stream: ffmpeg writes 1-second HLS segments of a test picture and tone into a
/// folder served on 127.0.0.1; the monitor must see it OK, see it DOWN soon after ffmpeg
/// stops, and see it OK again when ffmpeg comes back.
@Suite(.enabled(if: FFmpeg.isInstalled, "ffmpeg is not installed: the live-stream test is skipped"), .serialized)
struct LiveStreamTests {
    /// ffmpeg writing a live HLS stream of `video` and `audio` (lavfi sources) into `folder`.
    static func startFFmpeg(into folder: URL, video: String = "testsrc=size=320x180:rate=25",
                            audio: String = "sine=frequency=440:sample_rate=48000", segmentSeconds: Int = 1) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = [
            "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
            "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio,
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "\(25 * segmentSeconds)", "-keyint_min", "\(25 * segmentSeconds)", "-sc_threshold", "0",
            "-c:a", "aac", "-f", "hls", "-hls_time", "\(segmentSeconds)", "-hls_list_size", "6", "-hls_flags", "delete_segments+append_list+omit_endlist",
            folder.appendingPathComponent("index.m3u8").path,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func aLiveStreamIsOKThenDownWhenItStopsThenOKWhenItComesBack() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-hls-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var ffmpeg = try Self.startFFmpeg(into: folder)
        defer { Self.stop(ffmpeg) }
        let server = try TestHTTPServer.files(in: folder)
        defer { server.stop() }

        let log = BusLog()
        let monitor = FeedMonitor(settings: .init(feedId: "test-primary", url: server.url("index.m3u8"), labels: ["event": "test"]),
                                  fetcher: Fetcher(), clock: { Instant.now() }, publish: log.add)
        let watching = Task(executorPreference: BusLog.executor) { await monitor.run() }
        defer { watching.cancel() }

        let ok = await log.waitForHealth(timeout: 30) { $0.status == .ok }
        #expect(ok != nil, "the stream reaches OK; reports were \(log.health.map(\.status))")

        Self.stop(ffmpeg)
        let stopped = Instant.now(), stalls = StallMeter()
        let down = await log.waitForHealth(timeout: 10) { $0.status == .down }
        let took = (log.firstHealthTime(from: stopped) { $0.status == .down } ?? Instant.now()).seconds(since: stopped)
        #expect(down != nil, "DOWN after ffmpeg stops")
        #expect(took <= 4.5 + stalls.stalledSeconds, "DOWN within 4 target durations of 1 s (took \(took) s, the machine stalled \(stalls.stalledSeconds) s)")
        #expect(down?.reasons.contains { $0.hasPrefix("no new segment for") } == true, "a staleness reason: \(down?.reasons ?? [])")
        #expect(log.raised.contains { $0.dedupKey == "feed.stale/test-primary" && $0.severity == .critical })

        ffmpeg = try Self.startFFmpeg(into: folder)
        let back = await log.waitForHealth(timeout: 30) { $0.status == .ok }
        #expect(back != nil, "OK again once ffmpeg is back; reports were \(log.health.suffix(4))")
    }
}

enum FFmpeg {
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") }
}

extension Instant {
    /// The wall clock, for tests of live sources.
    static func now() -> Instant { Instant(Date()) }
}
