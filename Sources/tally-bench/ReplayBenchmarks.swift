import ArgumentParser
import Foundation
import TallyBus
import TallyCore
import TallyScenarios

/// `tally-bench replay`: a long generated recording — how fast it replays, how long its index
/// takes to build, and how fast a seek answers through it.
struct ReplayBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Measure replay, index building and seeking on a long recording.")

    @Option(help: "Hours of the generated night.")
    var hours = 24.0

    @Option(help: "Live events in it, spread through the day, three hours each (more events, a larger file).")
    var events = 800

    @Option(help: "Seeks to time.")
    var seeks = 200

    @Option(help: "Use this recording instead of generating one (a plain .jsonl).")
    var file: String?

    func run() throws {
        let path = try file ?? generate()
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        try? FileManager.default.removeItem(atPath: RecordingIndex.path(for: path))
        let clock = ContinuousClock()
        var index: RecordingIndex?
        let build = clock.measure { index = try? RecordingIndex.open(for: path) }
        guard let index else { throw ValidationError("no index could be built for \(path)") }
        let buildSeconds = Self.seconds(build)
        let indexBytes = Double((try FileManager.default.attributesOfItem(atPath: RecordingIndex.path(for: path))[.size] as? Int) ?? 0)
        print(String(format: "recording: %.0f MB, %d envelopes over %.1f h", bytes / 1e6, index.envelopeCount, index.end.seconds(since: index.start) / 3600))
        print(String(format: "index build (one pass: decode, apply, save a state a minute or 4,000 envelopes): %.1f s, %.1f s per GB, %.0f envelopes/s; index %.0f MB, %d states",
                     buildSeconds, buildSeconds / (bytes / 1e9), Double(index.envelopeCount) / buildSeconds, indexBytes / 1e6, index.checkpointCount))
        let reopen = clock.measure { _ = try? RecordingIndex.open(for: path) }
        print(String(format: "index reopened (file unchanged): %.1f ms", Self.seconds(reopen) * 1000))
        var generator = SeededGenerator(seed: 7)
        let span = index.end.seconds(since: index.start)
        var latencies: [Double] = []
        for _ in 0..<seeks {
            let instant = index.start.adding(seconds: Double.random(in: 0...span, using: &generator))
            latencies.append(Self.seconds(try clock.measure { _ = try index.state(at: instant) }) * 1000)
        }
        latencies.sort()
        print(String(format: "seek to a random moment: p50 %.1f ms, p99 %.1f ms, worst %.1f ms (%d seeks)",
                     latencies[latencies.count / 2], latencies[latencies.count * 99 / 100], latencies.last ?? 0, seeks))
        try replayThroughput()
    }

    /// Envelopes a second replayed at full speed: the built-in night, decoded from its file and applied.
    private func replayThroughput() throws {
        let clock = ContinuousClock()
        var recording: Recording?
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-night.jsonl").path
        try BuiltInDemo.recording().write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = clock.measure { recording = try? RecordingReader().read(path: path) }
        guard let recording else { return }
        var player = RecordingPlayer(recording: recording, atWall: 0)
        var state = ConsoleState()
        let apply = clock.measure {
            for envelope in player.takeDue(atWall: 1e12) { state.apply(envelope) }
        }
        let count = Double(recording.envelopes.count)
        print(String(format: "replay at full speed (the built-in night, %d envelopes): read and decode %.0f envelopes/s, apply %.0f envelopes/s, both %.0f envelopes/s",
                     recording.envelopes.count, count / Self.seconds(read), count / Self.seconds(apply),
                     count / (Self.seconds(read) + Self.seconds(apply))))
    }

    private func generate() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-\(Int(hours))h-\(events)ev.jsonl").path
        if FileManager.default.fileExists(atPath: path) { return path }
        var options = WBCNightScenario.Options()
        options.hours = hours
        options.eventCount = events
        options.spreadsEvents = true
        try WBCNightScenario(options: options).write(to: path)
        return path
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
