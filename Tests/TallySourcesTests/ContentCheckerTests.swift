import Foundation
import Testing
import TallyCore
import TallySources
import TallyTestSupport

/// The content check on real segments that ffmpeg makes in the test from lavfi sources, and on
/// hostile ones: each ends as measures, or as a problem with a reason, within the time limit.
@Suite(.enabled(if: FFmpeg.isInstalled, "ffmpeg is not installed: the content-check tests are skipped"))
struct ContentCheckerTests {
    /// A 2-second MPEG-TS segment of `video` and `audio` (lavfi sources), at 320x240.
    static func segment(video: String, audio: String) async throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tally-segment-\(UUID().uuidString).ts")
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio, "-t", "2",
                             "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac", "-f", "mpegts", file.path]
        try process.run()
        // Waited for without holding a thread of the tests' pool.
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        try #require(process.terminationStatus == 0, "ffmpeg made no segment of \(video) and \(audio)")
        return Array(try Data(contentsOf: file))
    }

    static let picture = "testsrc2=size=320x240:rate=25"
    static let tone = "sine=frequency=1000:sample_rate=48000,volume=-2dB"

    /// A checker with time to spare on a machine busy with the other tests.
    static let patient = { var checker = ContentChecker(); checker.timeLimitSeconds = 30; return checker }()

    func check(_ bytes: [UInt8], previous: Thumbnail? = nil, checker: ContentChecker = Self.patient) async -> (ContentChecked, Thumbnail?) {
        await checker.check(bytes, feedId: "f", variant: "v", previous: previous)
    }

    @Test func aMovingPictureWithToneAtTheTargetShowsNothingWrong() async throws {
        let (checked, thumbnail) = await check(try await Self.segment(video: Self.picture, audio: Self.tone))
        #expect(checked.problem == nil)
        #expect(thumbnail != nil)
        #expect(ContentRules.standard.conditions(of: checked).isEmpty, "\(checked)")
        #expect((checked.audio?.momentary).map { abs($0 + 23) < 1 } == true, "−23 LUFS, measured \(String(describing: checked.audio))")
    }

    @Test func blackSilentLoudAndFrozenAreEachSeen() async throws {
        let black = await check(try await Self.segment(video: "color=black:size=320x240:rate=25", audio: Self.tone)).0
        #expect(ContentRules.standard.conditions(of: black) == [.black], "\(black)")
        let silent = await check(try await Self.segment(video: Self.picture, audio: "anullsrc=r=48000:cl=stereo")).0
        #expect(ContentRules.standard.conditions(of: silent) == [.silent], "\(silent)")
        let loud = await check(try await Self.segment(video: Self.picture, audio: "sine=frequency=1000:sample_rate=48000,volume=9dB")).0
        #expect(ContentRules.standard.conditions(of: loud) == [.loudness], "\(loud)")
        let still = try await Self.segment(video: "testsrc2=size=320x240:rate=25,trim=end_frame=1,loop=loop=-1:size=1", audio: Self.tone)
        let (_, first) = await check(still)
        let again = await check(still, previous: first).0
        #expect(ContentRules.standard.conditions(of: again) == [.frozen], "\(again)")
        let moving = await check(try await Self.segment(video: "testsrc2=size=320x240:rate=25,trim=start_frame=20,setpts=PTS-STARTPTS", audio: Self.tone), previous: first).0
        #expect(ContentRules.standard.conditions(of: moving).isEmpty, "a picture that moved on: \(moving)")
    }

    @Test func hostileSegmentsEndAsProblemsWithReasons() async throws {
        let garbage = await check((0..<200_000).map { _ in UInt8.random(in: 0...255) }).0
        #expect(garbage.problem?.hasPrefix("ffmpeg") == true, "\(garbage)")
        let normal = try await Self.segment(video: Self.picture, audio: Self.tone)
        let truncated = await check(Array(normal.prefix(3000))).0
        #expect(truncated.problem != nil || truncated.audio != nil || truncated.picture != nil, "a reading or a reason: \(truncated)")
        let huge = await check([UInt8](repeating: 0x47, count: 32 << 20)).0
        #expect(huge.problem != nil, "\(huge)")
    }

    @Test func anFFmpegThatHangsIsStoppedAtTheTimeLimit() async throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("tally-hanging-ffmpeg-\(UUID().uuidString)")
        try "#!/bin/sh\nexec sleep 60\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        defer { try? FileManager.default.removeItem(at: script) }
        var checker = ContentChecker()
        checker.ffmpeg = script.path
        checker.timeLimitSeconds = 1
        let segment = try await Self.segment(video: Self.picture, audio: Self.tone)
        let began = Date(), stalls = StallMeter()
        let (checked, _) = await check(segment, checker: checker)
        #expect(checked.problem == "ffmpeg took longer than 1 s: stopped")
        let took = Date().timeIntervalSince(began)
        #expect(took < 5 + stalls.stalledSeconds, "stopped, not waited for the 60 s it sleeps (took \(took) s, the machine stalled \(stalls.stalledSeconds) s)")
    }
}
