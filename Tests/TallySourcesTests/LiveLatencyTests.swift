import Foundation
import Testing
import TallyCore
@testable import TallySources
import TallyTestSupport

/// Live latency from `EXT-X-PROGRAM-DATE-TIME` on a manual clock: the live edge's age, a target
/// passed, times that jump or go missing, and variants out of step.
struct LiveLatencyTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!
    func at(_ seconds: Double) -> Instant { Self.t0.adding(seconds: seconds) }

    /// A playlist of six 2-second segments ending at `sequence + 5`, the first stamped `behind`
    /// seconds before `now` minus the window, so that its live edge is `behind` seconds old.
    static func playlist(sequence: Int, now: Instant, behind: Double, jumpAt: Int? = nil, stamped: Bool = true) -> String {
        var lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:2", "#EXT-X-MEDIA-SEQUENCE:\(sequence)"]
        var moment = now.adding(seconds: -behind - 12)
        for index in 0..<6 {
            if index == jumpAt { moment = moment.adding(seconds: 30) }
            if stamped && (index == 0 || index == jumpAt) { lines.append("#EXT-X-PROGRAM-DATE-TIME:" + Self.ffmpegStyle(moment)) }
            lines += ["#EXTINF:2.000,", "seg\(sequence + index).ts"]
            moment = moment.adding(seconds: 2)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2026-03-14T18:59:46.000+0000`, as ffmpeg's HLS muxer writes it.
    static func ffmpegStyle(_ instant: Instant) -> String {
        instant.rfc3339.replacingOccurrences(of: "Z", with: "+0000")
    }

    func media(_ text: String) throws -> MediaPlaylist {
        guard case .media(let playlist) = try PlaylistParser.parse(text) else { throw PlaylistError(line: 0, message: "not a media playlist") }
        return playlist
    }

    @Test func theLiveEdgeAgeIsTheLatencyAndATargetPassedDegradesTheFeed() throws {
        var thresholds = FeedThresholds.standard
        thresholds.latencyTargetSeconds = 30
        var variant = VariantWatch(name: "720p", declaredBandwidth: 3_000_000, thresholds: thresholds)
        variant.record(.playlist(try media(Self.playlist(sequence: 100, now: at(0), behind: 8.4))), at: at(0))
        #expect(variant.latency(at: at(0)).map { abs($0 - 8.4) < 0.01 } == true, "\(String(describing: variant.latency(at: at(0))))")
        #expect(variant.sample(feedId: "f", at: at(0)).latency.map { abs($0 - 8.4) < 0.01 } == true)
        #expect(variant.status == .ok)
        variant.record(.playlist(try media(Self.playlist(sequence: 101, now: at(2), behind: 45))), at: at(2))
        #expect(variant.problems.map(\.kind) == ["feed.latency"])
        #expect(variant.problems.first?.reason == "live edge 45.0 s behind the clock, target 30s")
    }

    @Test func programDateTimesThatJumpOrGoMissingWarn() throws {
        var variant = VariantWatch(name: "720p", declaredBandwidth: 3_000_000)
        variant.record(.playlist(try media(Self.playlist(sequence: 100, now: at(0), behind: 5, jumpAt: 3))), at: at(0))
        #expect(variant.problems.map(\.reason) == ["program date time jumps 1 time without a discontinuity"])
        var missing = VariantWatch(name: "720p", declaredBandwidth: 3_000_000)
        missing.record(.playlist(try media(Self.playlist(sequence: 100, now: at(0), behind: 5))), at: at(0))
        #expect(missing.problems.isEmpty)
        missing.record(.playlist(try media(Self.playlist(sequence: 101, now: at(2), behind: 5, stamped: false))), at: at(2))
        #expect(missing.problems.map(\.reason) == ["no EXT-X-PROGRAM-DATE-TIME: latency unknown"], "they were there, and went")
        var offAir = VariantWatch(name: "720p", declaredBandwidth: 3_000_000)
        offAir.expectsLive = false
        offAir.record(.playlist(try media(Self.playlist(sequence: 100, now: at(0), behind: 5, jumpAt: 3))), at: at(0))
        #expect(offAir.problems.isEmpty, "only while the event is live")
    }

    @Test func variantsOutOfStepByMoreThanATargetDuration() throws {
        var feed = FeedWatch(feedId: "f")
        feed.record(MultivariantPlaylist(variants: [.init(uri: "a.m3u8", bandwidth: 1), .init(uri: "b.m3u8", bandwidth: 2)], issues: []), at: at(0))
        feed.record(.playlist(try media(Self.playlist(sequence: 100, now: at(0), behind: 6))), variant: "a.m3u8", at: at(0))
        feed.record(.playlist(try media(Self.playlist(sequence: 100, now: at(0), behind: 7))), variant: "b.m3u8", at: at(0))
        #expect(!feed.problems(at: at(0)).contains { $0.kind == "feed.variant_sync" }, "a second apart: in step")
        feed.record(.playlist(try media(Self.playlist(sequence: 101, now: at(1), behind: 12))), variant: "b.m3u8", at: at(1))
        let sync = feed.problems(at: at(1)).first { $0.kind == "feed.variant_sync" }
        #expect(sync?.reason == "variants 6.0 s apart by program date time", "\(feed.problems(at: at(1)))")
    }

    @Test func hlsDateTimesAreReadAsWritten() {
        #expect(PlaylistParser.programDateTime("2026-03-14T19:00:00.250+0000") == Self.t0.adding(seconds: 0.25))
        #expect(PlaylistParser.programDateTime("2026-03-14T20:00:00+01:00") == Self.t0)
        #expect(PlaylistParser.programDateTime("2026-03-14T19:00:00Z") == Self.t0)
        #expect(PlaylistParser.programDateTime("yesterday") == nil)
        #expect(PlaylistParser.programDateTime("9999-01-01T00:00:00Z") == nil, "past 2200")
    }
}

/// Live latency over HTTP on 127.0.0.1: ffmpeg's own program date times read near the clock,
/// and an origin whose program date times lag the clock by 45 s raises `feed.latency`.
@Suite(.enabled(if: FFmpeg.isInstalled, "ffmpeg is not installed: the live latency tests are skipped"))
struct LiveLatencyStreamTests {
    static func monitor(_ server: TestHTTPServer, log: BusLog) -> Task<Void, Never> {
        var settings = FeedMonitor.Settings(feedId: "test-primary", url: server.url("index.m3u8"), labels: ["event": "test"])
        settings.thresholds.latencyTargetSeconds = 30
        let monitor = FeedMonitor(settings: settings, fetcher: Fetcher(), clock: { Instant.now() }, publish: log.add)
        return Task(executorPreference: BusLog.executor) { await monitor.run() }
    }

    static func latencies(_ log: BusLog) -> [Double] {
        log.all.compactMap { if case .feedSample(let sample) = $0 { sample.latency } else { nil } }
    }

    @Test func ffmpegsProgramDateTimesReadNearTheClock() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-pdt-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ffmpeg = Process()
        ffmpeg.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        ffmpeg.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc=size=160x90:rate=25",
                            "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-f", "hls", "-hls_time", "1", "-hls_list_size", "6",
                            "-hls_flags", "delete_segments+program_date_time+omit_endlist", folder.appendingPathComponent("index.m3u8").path]
        ffmpeg.standardError = FileHandle.nullDevice
        try ffmpeg.run()
        defer { LiveStreamTests.stop(ffmpeg) }
        let server = try TestHTTPServer.files(in: folder)
        defer { server.stop() }
        let log = BusLog()
        let watching = Self.monitor(server, log: log)
        defer { watching.cancel() }
        // ffmpeg stamps the wall clock but falls behind it on a loaded machine, so the monitor's
        // figure is checked against the age of the live edge that the playlist on disk stands for.
        let playlist = folder.appendingPathComponent("index.m3u8")
        var seen: (monitor: Double, disk: Double)?
        let agreed = await poll(timeout: 40, every: 0.2) { () -> Bool? in
            guard Self.latencies(log).count >= 3, let monitor = Self.latencies(log).last,
                  let text = try? String(contentsOf: playlist, encoding: .utf8), let disk = Self.edgeAge(of: text, now: Date()) else { return nil }
            seen = (monitor, disk)
            return abs(monitor - disk) <= 2.5 ? true : nil
        }
        #expect(agreed == true, "the monitor's latency and the playlist's edge age (monitor, disk): \(String(describing: seen))")
        #expect(!log.raised.contains { $0.dedupKey.hasPrefix("feed.pdt") }, "\(log.raised.map(\.summary))")
    }

    /// The live edge's age by the clock, read from the playlist's text without Tally's parser:
    /// the last program date time plus the durations from it on.
    static func edgeAge(of playlist: String, now: Date) -> Double? {
        let lines = playlist.split(whereSeparator: \.isNewline).map(String.init)
        guard let last = lines.lastIndex(where: { $0.hasPrefix("#EXT-X-PROGRAM-DATE-TIME:") }) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let stamp = formatter.date(from: String(lines[last].dropFirst("#EXT-X-PROGRAM-DATE-TIME:".count))) else { return nil }
        let durations = lines[last...].filter { $0.hasPrefix("#EXTINF:") }
            .compactMap { Double($0.dropFirst("#EXTINF:".count).prefix { $0 != "," }) }
        return now.timeIntervalSince(stamp) - durations.reduce(0, +)
    }

    @Test func anOriginFortyFiveSecondsBehindRaisesFeedLatency() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-pdt-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A live origin of 2-second segments whose program date times run 45 s behind the clock.
        let origin = Task {
            var sequence = 0
            while !Task.isCancelled {
                let text = LiveLatencyTests.playlist(sequence: sequence, now: Instant.now(), behind: 45)
                try? text.write(to: folder.appendingPathComponent("index.m3u8"), atomically: true, encoding: .utf8)
                for index in 0..<6 { try? Data(repeating: 0x47, count: 9400).write(to: folder.appendingPathComponent("seg\(sequence + index).ts")) }
                sequence += 1
                try? await Task.sleep(for: .seconds(2))
            }
        }
        defer { origin.cancel() }
        _ = await poll(timeout: 5, every: 0.05) { FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.m3u8").path) ? true : nil }
        let server = try TestHTTPServer.files(in: folder)
        defer { server.stop() }
        let log = BusLog()
        let watching = Self.monitor(server, log: log)
        defer { watching.cancel() }
        let raised = await poll(timeout: 20, every: 0.2) { log.raised.first { $0.dedupKey == "feed.latency/test-primary" } }
        #expect(raised?.summary.hasPrefix("live edge 4") == true, "\(raised?.summary ?? "not raised"); latencies \(Self.latencies(log).suffix(3))")
    }
}
