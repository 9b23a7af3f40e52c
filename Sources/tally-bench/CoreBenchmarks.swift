import Foundation
import TallyBus
import TallyConfig
import TallyConsole
import TallyCore
import TallyScenarios
import TallyScreen
import TallySources

/// The hot paths inside the process: drawing a frame, folding envelopes into state, the bus,
/// and reading recordings.
enum CoreBenchmarks {
    static func run(quick: Bool) throws -> [Measurement] {
        let scale = quick ? 10 : 1
        let night = try BusyNight()
        print("busy moment: \(night.summary)")
        var results: [Measurement] = []

        let context = ScreenContext(mode: .demo(speed: 1, isPaused: false, isFinished: false), now: night.moment,
                                    operatorName: "maria", glyphs: .unicode, utcOffsetSeconds: 3600)
        for size in [Size(width: 160, height: 48), Size(width: 120, height: 40), Size(width: 80, height: 24)] {
            results.append(Measurement.run("render \(size.width)x\(size.height) frame, busy night", iterations: 200 / scale) {
                blackHole(Screen.render(state: night.state, view: ViewState(), context: context, size: size))
            })
        }

        // What the impact columns and the header's total cost a frame whose panes are worked out
        // afresh (the render above includes it; a frame with the panes unchanged pays nothing):
        // every alert's viewers at risk and viewer-minutes, and the total from them.
        let alerts = Array(night.state.alerts.values)
        results.append(Measurement.run("impact of \(alerts.count) alerts and the header total, a frame", iterations: 2000 / scale) {
            let atRisk = ViewersAtRisk.byAlert(in: night.state)
            blackHole(alerts.reduce(Double(ViewersAtRisk.total(atRisk, in: night.state))) { sum, alert in
                sum + (alert.impact?.viewerMinutes(at: night.moment) ?? 0)
            })
        })
        results.append(consoleTurn(night: night, context: context, quick: quick))

        let envelopes = night.recording.envelopes
        results.append(Measurement.run("reduce the built-in night (\(envelopes.count) envelopes)", iterations: 3, rounds: quick ? 3 : 5,
                                       units: Double(envelopes.count), unit: "envelope") {
            var state = ConsoleState()
            for envelope in envelopes { state.apply(envelope) }
            blackHole(state)
        })

        let batch = Array(envelopes.prefix(20_000))
        results.append(Measurement.run("bus publish + drain, 3 subscribers (20k)", iterations: 3, rounds: quick ? 3 : 5,
                                       units: Double(batch.count), unit: "envelope") {
            let bus = Bus()
            let subscribers = (0..<3).map { _ in bus.subscribe(capacity: 1 << 15) }
            for envelope in batch { bus.publish(envelope) }
            for subscriber in subscribers { blackHole(subscriber.drain()) }
        })

        results += try recordingReads(hours: quick ? 0.25 : 1)
        results += try builtInNightSeeks()
        results += playlistParsing(quick: quick)
        return results
    }

    /// One turn of the console at the busy moment, through its one door: the second's envelopes
    /// (`ConsoleModel.update(.envelopes)`), then the tick that draws a 160x48 frame (what the
    /// console does for each calm frame at 1×). The model shows a hub's decisions here, so that
    /// no timer falls due and every turn draws.
    static func consoleTurn(night: BusyNight, context: ScreenContext, quick: Bool) -> Measurement {
        let second = night.recording.envelopes.filter { $0.timestamp >= night.moment && $0.timestamp < night.moment.adding(seconds: 1) }
        let settings = ConsoleModel.Settings(operatorName: "maria", channel: "key:bench", consoleID: "bench", isAttached: true, utcOffsetSeconds: 3600)
        let model = ConsoleModel(state: night.state, settings: settings, themes: ThemeCatalog(directories: []), themeName: "default",
                                 size: Size(width: 160, height: 48), clock: ConsoleTick(wall: 0, now: night.moment, mode: context.mode))
        var wall = 0.0
        return Measurement.run("console turn: 1 s of the busy night (\(second.count) envelopes) applied + 160x48 frame", iterations: 100 / (quick ? 10 : 1)) {
            var turn = model
            wall += 1
            blackHole(turn.update(.envelopes(second)))
            blackHole(turn.update(.tick(ConsoleTick(wall: wall, now: night.moment.adding(seconds: 1), mode: context.mode))))
        }
    }

    /// Parsing live media playlists: the 6-segment window a monitor reloads every target
    /// duration, and a 2-hour DVR window of 3,600 segments.
    static func playlistParsing(quick: Bool) -> [Measurement] {
        [6, 3600].map { segments in
            var text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:100000\n"
            for index in 0..<segments { text += "#EXTINF:2.000,\nsegment-\(100_000 + index).ts\n" }
            let bytes = Double(text.utf8.count)
            let measurement = Measurement.run("parse a live playlist of \(segments) segments", iterations: segments > 100 ? 20 : 2000 / (quick ? 10 : 1),
                                              units: bytes, unit: "byte") {
                blackHole(try? PlaylistParser.parse(text))
            }
            return measurement
        }
    }

    /// Reads a full-density generated night (feeds every 10 s) as JSON Lines and as gzip.
    static func recordingReads(hours: Double) throws -> [Measurement] {
        var options = WBCNightScenario.Options()
        options.hours = hours
        let scenario = WBCNightScenario(options: options)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var results: [Measurement] = []
        for name in ["night.jsonl", "night.jsonl.gz"] {
            let path = folder.appendingPathComponent(name).path
            let writer = try RecordingWriter(path: path, header: scenario.header)
            var count = 0
            try scenario.generate { envelope in
                try writer.append(envelope)
                count += 1
            }
            try writer.close()
            let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            let label = "read \(name) (\(count) envelopes, \(bytes / 1_000_000) MB)"
            var failure: Error?
            let read = Measurement.run(label, iterations: 1, rounds: 3, units: Double(count), unit: "envelope") {
                do { blackHole(try RecordingReader().read(path: path)) } catch { failure = error }
            }
            if let failure { throw failure }
            results.append(read)
            results.append(Measurement(name: "  same, in bytes of the file", nanosecondsPerOperation: read.nanosecondsPerOperation,
                                       unitsPerOperation: Double(bytes), unit: "byte"))
        }
        return results
    }
}

extension CoreBenchmarks {
    /// A seek in the built-in night as the demo plays it, read again from its start
    /// (`StreamingSource`), beside one in the night held whole with its saved states
    /// (`MemorySource`): what never holding the night's envelopes costs a seek. Eight moments
    /// spread over the night, in turn.
    static func builtInNightSeeks() throws -> [Measurement] {
        let path = try BuiltInDemo.path()
        var streamed = try StreamingSource(path: path)
        var held = MemorySource(recording: try RecordingReader().read(path: path))
        streamed.finishReading()
        let length = streamed.end.seconds(since: streamed.start)
        let moments = (0..<8).map { streamed.start.adding(seconds: length * (Double($0) + 0.5) / 8) }
        var failure: Error?
        var turn = 0
        let streamedSeek = Measurement.run("seek the built-in night, streamed (8 moments)", iterations: moments.count, rounds: 3) {
            do { blackHole(try streamed.seek(to: moments[turn % moments.count])) } catch { failure = error }
            turn += 1
        }
        if let failure { throw failure }
        let heldSeek = Measurement.run("  same, held whole with saved states", iterations: moments.count, rounds: 3) {
            blackHole(held.seek(to: moments[turn % moments.count]))
            turn += 1
        }
        return [streamedSeek, heldSeek]
    }
}

/// Keeps the optimiser from discarding a result.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
