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
        let buildSeconds = build.inSeconds
        let indexBytes = Double((try FileManager.default.attributesOfItem(atPath: RecordingIndex.path(for: path))[.size] as? Int) ?? 0)
        print(String(format: "recording: %.0f MB, %d envelopes over %.1f h", bytes / 1e6, index.envelopeCount, index.end.seconds(since: index.start) / 3600))
        print(String(format: "index build (one pass: decode, apply, save a state a minute or 4,000 envelopes): %.1f s, %.1f s per GB, %.0f envelopes/s; index %.0f MB, %d states",
                     buildSeconds, buildSeconds / (bytes / 1e9), Double(index.envelopeCount) / buildSeconds, indexBytes / 1e6, index.checkpointCount))
        let reopen = clock.measure { _ = try? RecordingIndex.open(for: path) }
        print(String(format: "index reopened (file unchanged): %.1f ms", reopen.inSeconds * 1000))
        try seekLatency(index)
        try playFromDisk(index)
        try replayThroughput()
    }

    /// Seeks to random moments on a freshly opened index: the first decodes a whole saved
    /// state, the later ones only the pieces they have not seen.
    private func seekLatency(_ built: RecordingIndex) throws {
        let index = try RecordingIndex.open(for: built.source)
        let clock = ContinuousClock()
        var generator = SeededGenerator(seed: 7)
        let span = index.end.seconds(since: index.start)
        var latencies: [Double] = []
        for _ in 0..<seeks {
            let instant = index.start.adding(seconds: Double.random(in: 0...span, using: &generator))
            latencies.append(try clock.measure { _ = try index.state(at: instant) }.inSeconds * 1000)
        }
        let first = latencies[0]
        latencies.sort()
        print(String(format: "seek to a random moment: p50 %.1f ms, p99 %.1f ms, worst %.1f ms (%d seeks); the first (nothing decoded yet) %.1f ms; %d pieces kept",
                     latencies[latencies.count / 2], latencies[latencies.count * 99 / 100], latencies.last ?? 0, seeks, first,
                     index.piecesKept))
    }

    /// What `tally demo` does with the long recording: opens it through its index, then plays
    /// an hour of it as fast as it can be read.
    private func playFromDisk(_ built: RecordingIndex) throws {
        let clock = ContinuousClock()
        var source: IndexedSource?
        let open = clock.measure { source = try? IndexedSource(index: RecordingIndex.open(for: built.source)) }
        guard var source else { throw ValidationError("the recording could not be opened for play") }
        let middle = source.start.adding(seconds: source.end.seconds(since: source.start) / 2)
        _ = try source.seek(to: middle)
        var count = 0
        let play = clock.measure {
            while source.nextTimestamp != nil, count < 200_000 { count += source.take(through: source.end, limit: 5000).count }
        }
        print(String(format: "tally demo on it: open %.0f ms (index already built); play from disk %.0f envelopes/s (%d read and decoded mid-day)",
                     open.inSeconds * 1000, Double(count) / play.inSeconds, count))
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
                     recording.envelopes.count, count / read.inSeconds, count / apply.inSeconds,
                     count / (read.inSeconds + apply.inSeconds)))
    }

    private func generate() throws -> String {
        try GeneratedNight.path(hours: hours, events: events, name: "\(Int(saturating: hours))h")
    }
}
