import ArgumentParser
import Foundation
import TallyBus
import TallyCore
import TallyScenarios
import TallyStore

/// `tally-bench report`: what `tally report` costs. A generated month (or any recording)
/// replayed into the report's facts, side by side with only decoding it (what `tally
/// recording info` does); the same month written to a store as a hub writes it and reported
/// from there; and the report overlay's refresh on the busy built-in night.
struct ReportBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Measure tally report on a month, from a recording and from a store.")

    @Option(help: "Days of the generated month.")
    var days = 30.0

    @Option(help: "Live events in it, spread through the days, three hours each.")
    var events = 70

    @Option(help: "Use this recording instead of generating one (a plain .jsonl).")
    var file: String?

    @Option(help: "Write the month's store here and keep it (for timing tally report --store on it).")
    var keepStore: String?

    func run() throws {
        let path = try file ?? generate()
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        let clock = ContinuousClock()
        let reader = RecordingReader()
        var decoded = 0
        let decode = clock.measure { _ = try? reader.scan(path: path) { _, _ in decoded += 1 } }
        var replay = ReportReplay(from: ConsoleState())
        let replayed = clock.measure { _ = try? reader.scan(path: path) { envelope, _ in replay.add(envelope) } }
        var report: OperationsReport?
        let computed = clock.measure { report = OperationsReport(replay.facts) }
        let written = clock.measure { _ = report?.document(source: path, eventTitles: replay.facts.eventTitles).markdown }
        print(String(format: "recording: %.0f MB, %d envelopes, %d alerts, %d audit lines", bytes / 1e6, decoded, replay.facts.alerts.count, replay.facts.records.count))
        print(String(format: "decode only (tally recording info): %.2f s; replay into the report's facts: %.2f s (%.2f× decoding); figures %.1f ms; Markdown %.1f ms",
                     decode.inSeconds, replayed.inSeconds, replayed.inSeconds / decode.inSeconds, computed.inSeconds * 1000, written.inSeconds * 1000))
        try fromStore()
        try overlayRefresh()
        print(String(format: "peak resident memory: %.0f MB", Double(ProcessStats.peakResidentKB(getpid())) / 1024))
    }

    /// A month's operations (`events` events, 25 alerts each, owned, escalated and cleared by
    /// six operators) written to a store as a hub writes it, then reported from the store and,
    /// side by side, by replaying the same envelopes.
    private func fromStore() throws {
        let envelopes = MonthOfAlerts(days: days, events: events).envelopes()
        let storePath = keepStore ?? FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-report-\(UUID()).sqlite").path
        defer { if keepStore == nil { try? FileManager.default.removeItem(atPath: storePath) } }
        let store = try AlertStore.open(path: storePath)
        var state = ConsoleState()
        let clock = ContinuousClock()
        let write = try clock.measure { for envelope in envelopes { try store.save(state.apply(envelope).records, from: state.alerting) } }
        var facts: ReportFacts?
        let read = clock.measure { facts = try? store.reportFacts(roster: state.roster) }
        guard let facts else { throw ValidationError("the store could not be read back") }
        var report: OperationsReport?
        let computed = clock.measure { report = OperationsReport(facts) }
        var replay = ReportReplay(from: ConsoleState())
        let replayed = clock.measure { for envelope in envelopes { replay.add(envelope) } }
        let size = Double((try FileManager.default.attributesOfItem(atPath: storePath)[.size] as? Int) ?? 0)
        print(String(format: "a month's store (%d events, %d alerts, %d audit lines, %.1f MB; written in %.1f s): read %.0f ms, figures %.1f ms; replaying the same %d envelopes %.0f ms",
                     events, facts.alerts.count, facts.records.count, size / 1e6, write.inSeconds, read.inSeconds * 1000,
                     computed.inSeconds * 1000, envelopes.count, replayed.inSeconds * 1000))
        if report != OperationsReport(replay.facts) { print("warning: the store's report differs from the replay's") }
    }

    /// What the open report overlay recomputes on each delivered batch, at the end of the busy built-in night.
    private func overlayRefresh() throws {
        let night = try BuiltInDemo.recording()
        var replay = ReportReplay(from: night.header.state ?? ConsoleState())
        for envelope in night.envelopes { replay.add(envelope) }
        let clock = ContinuousClock()
        let runs = 50
        let refresh = clock.measure {
            for _ in 0..<runs { _ = OperationsReport(replay.facts.current(replay.state, at: replay.facts.end ?? night.start)) }
        }
        print(String(format: "the report overlay's refresh at the end of the built-in night (%d alerts, %d audit lines): %.2f ms a batch",
                     replay.facts.alerts.count, replay.facts.records.count, refresh.inSeconds * 1000 / Double(runs)))
    }

    private func generate() throws -> String {
        try GeneratedNight.path(hours: days * 24, events: events, name: "\(Int(saturating: days))d")
    }
}
