import Foundation
import Subprocess
import TallyCore

/// Checks one segment's content with ffmpeg, run as a child process (never a shell): niced,
/// one decoding thread, a CPU limit (`-timelimit`), a wall-clock limit past which coreutils'
/// `timeout` kills it (in the child, so that it holds however busy this process is; a deadline
/// here as well backs it up), and at most `mediaSecondsCap` of media read. It decodes only what the measures need: the
/// first key frame, scaled down to a `Thumbnail` on its standard output, and the first audio
/// track through `ebur128` and `astats`, whose report it reads from the log. A broken, hostile
/// or endless segment ends as a `ContentChecked` with a `problem`, never a stuck monitor.
public struct ContentChecker: Sendable {
    public var ffmpeg = "/usr/bin/ffmpeg"
    public var nice = "/usr/bin/nice"
    /// How much the checks yield to the hub's own work (`nice -n`).
    public var niceness = 10
    public var timeout = "/usr/bin/timeout"
    /// Wall-clock seconds a check may take before ffmpeg is killed.
    public var timeLimitSeconds = 5.0
    /// CPU seconds ffmpeg may use before it stops itself.
    public var cpuLimitSeconds = 2
    /// Seconds of media read from a segment at most.
    public var mediaSecondsCap = 10
    /// How long past the time limit this process stops waiting for a check `timeout` should have ended.
    static let backstopSeconds = 10.0
    /// The log kept from a run, at most.
    static let logByteCap = 1 << 20

    public init() {}

    /// Whether ffmpeg is where the checker looks for it.
    public var isAvailable: Bool { [ffmpeg, nice, timeout].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) } }

    /// What one segment shows, and its picture for the next check's comparison.
    public func check(_ segment: [UInt8], feedId: FeedID, variant: String, previous: Thumbnail?) async -> (ContentChecked, Thumbnail?) {
        var checked = ContentChecked(feedId: feedId, variant: variant)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tally-content-\(UUID().uuidString).seg")
        defer { try? FileManager.default.removeItem(at: file) }
        guard FileManager.default.createFile(atPath: file.path, contents: Data(segment)) else {
            checked.problem = "the segment could not be written for ffmpeg"
            return (checked, nil)
        }
        let began = ContinuousClock.now
        let cpuBefore = ContentBudget.childrenCPUSeconds()
        var outcome = await run(on: file.path, parts: [.picture, .audio])
        // A segment with only one kind of track: measure what it has.
        if case .ran(_, let log, false) = outcome, log.contains("Output file #0 does not contain any stream") {
            outcome = await run(on: file.path, parts: [.audio])
        } else if case .ran(_, let log, false) = outcome, log.contains("Output file #1 does not contain any stream") {
            outcome = await run(on: file.path, parts: [.picture])
        }
        // ffmpeg's whole cost, start-up included (checks running at once add to each other's).
        checked.cpuMilliseconds = max(0, ContentBudget.childrenCPUSeconds() - cpuBefore) * 1000
        if case .failed = outcome, checked.cpuMilliseconds == 0 {
            checked.cpuMilliseconds = (ContinuousClock.now - began) / .milliseconds(1)
        }
        switch outcome {
        case .failed(let reason):
            checked.problem = reason
            return (checked, nil)
        case .ran(let picture, let log, let succeeded):
            let report = FFmpegReport.parse(log)
            guard succeeded else {
                checked.problem = Self.failure(in: log)
                return (checked, nil)
            }
            let thumbnail = Thumbnail(rgb: picture)
            checked.picture = thumbnail?.picture(comparedWith: previous)
            checked.audio = report.audio
            if checked.picture == nil, checked.audio == nil { checked.problem = "neither a picture nor sound could be decoded" }
            return (checked, thumbnail)
        }
    }

    enum Part { case picture, audio }

    enum Outcome {
        /// ffmpeg ran to its end: the picture on its output, its log, and whether it exited 0.
        case ran(picture: [UInt8], log: Substring, succeeded: Bool)
        case failed(String)
    }

    private func run(on path: String, parts: Set<Part>) async -> Outcome {
        let limit = timeLimitSeconds
        let arguments = Arguments(["-n", "\(niceness)", timeout, "-s", "KILL", Figures.plain(limit), ffmpeg] + arguments(for: path, parts: parts))
        let stopped = Outcome.failed("ffmpeg took longer than \(Figures.plain(limit)) s: stopped")
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(.path(.init(nice)), arguments: arguments, output: .bytes(limit: Thumbnail.byteCount),
                                                          error: .string(limit: Self.logByteCap))
                    let log = Substring(result.standardError)
                    switch result.terminationStatus {
                    case .exited(124), .signaled(SIGKILL): return stopped
                    case .exited(let code): return .ran(picture: result.standardOutput, log: log, succeeded: code == 0)
                    case .signaled(let signal): return .failed("ffmpeg ended on signal \(signal)")
                    }
                } catch is CancellationError {
                    return nil
                } catch {
                    return .failed("ffmpeg could not be run: \(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(limit + Self.backstopSeconds))
                return Task.isCancelled ? nil : stopped
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failed("the check was cancelled")
        }
    }

    func arguments(for path: String, parts: Set<Part>) -> [String] {
        var arguments = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-threads", "1", "-filter_threads", "1",
                         "-timelimit", "\(cpuLimitSeconds)", "-t", "\(mediaSecondsCap)"]
        if parts.contains(.picture) { arguments += ["-skip_frame", "nokey"] }
        arguments += ["-i", path]
        if parts.contains(.picture) {
            arguments += ["-map", "0:v:0?", "-vf", "scale=\(Thumbnail.width):\(Thumbnail.height):flags=area,format=rgb24", "-frames:v", "1",
                          "-f", "rawvideo", "pipe:1"]
        }
        if parts.contains(.audio) {
            arguments += ["-map", "0:a:0?", "-af", "ebur128=peak=true:framelog=info,astats=measure_overall=RMS_level:measure_perchannel=none",
                          "-f", "null", "-"]
        }
        return arguments
    }

    /// ffmpeg's own words for why it failed: its last error line, kept short.
    static func failure(in log: Substring) -> String {
        let lines = log.split(separator: "\n")
        let last = lines.last { $0.localizedCaseInsensitiveContains("error") || $0.localizedCaseInsensitiveContains("invalid") } ?? lines.last ?? "no output"
        return "ffmpeg: " + String(last.prefix(200))
    }
}
