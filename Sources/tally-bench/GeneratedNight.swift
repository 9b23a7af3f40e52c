import Foundation
import TallyScenarios

/// A long generated recording for the replay and report benchmarks, written once to the
/// temporary folder and reused while it is there.
enum GeneratedNight {
    /// The recording of `hours` with `events` live events spread through them, three hours each.
    static func path(hours: Double, events: Int, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-\(name)-\(events)ev.jsonl").path
        if FileManager.default.fileExists(atPath: path) { return path }
        var options = WBCNightScenario.Options()
        options.hours = hours
        options.eventCount = events
        options.spreadsEvents = true
        try WBCNightScenario(options: options).write(to: path)
        return path
    }
}
