import ArgumentParser
import Foundation
import TallyBus
import TallyConfig
import TallyCore
import TallyLive
import TallyScenarios
import TallyStore

/// `tally report [FILE]`: the figures an operation is run by, from a recording, a store, a shared room's log or the built-in night.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report a night's or a month's alerts: times to acknowledge and resolve, escalations, pages, noise, delivery, checklists, viewer-minutes.",
        discussion: """
            The recording is replayed through the same rules as a console (those of --config, or the recording's own saved state), \
            so the figures are the ones every console saw; a store (--store) gives its alerts and audit trail as they stand. \
            Each figure says how it was computed at the end of the report.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, json
    }

    @Argument(help: "The recording (JSON Lines, optionally gzip-compressed, all its numbered parts); the built-in night when omitted.", completion: .recording)
    var file: String?

    @Option(help: "Report from this store (a hub's or a console's tally.sqlite) rather than a recording.", completion: .file(extensions: ["sqlite"]))
    var store: String?

    @Option(help: "Only alerts raised from this time on: an RFC 3339 time, or a span back from the end of the recording (90m, 12h, 7d).")
    var since: String?

    @Option(help: "Only alerts raised from this RFC 3339 time on.")
    var from: String?

    @Option(help: "Only alerts raised before this RFC 3339 time.")
    var to: String?

    @Option(help: "Only this event's alerts.")
    var event: String?

    @Option(help: "Only alerts raised at this site.")
    var site: String?

    @Option(help: "text, md (Markdown) or json.")
    var format: Format = .text

    @Option(help: "The configuration folder holding alerting.yaml and roster.yaml (default: $XDG_CONFIG_HOME/tally).", completion: .directory)
    var config: String?

    @OptionGroup var sharing: SharedOptions

    func validate() throws {
        let sources = [file.map { _ in "a recording" }, store.map { _ in "--store" }, sharing.shared.map { _ in "--shared" }].compactMap { $0 }
        if sources.count > 1 { throw ValidationError(sources.joined(separator: " and ") + " name \(sources.count) places to report on: give one") }
        if since != nil, from != nil { throw ValidationError("--since and --from both name the start: give one") }
        _ = try since.map { try MomentText.instant($0, option: "--since") }
        for (option, text) in [("--from", from), ("--to", to)] {
            guard let text else { continue }
            guard Instant(rfc3339: text) != nil else { throw ValidationError("\(option) must be an RFC 3339 time (2026-03-14T19:00:00Z), not \"\(text.prefix(40))\"") }
        }
        if let from = from.flatMap(Instant.init(rfc3339:)), let to = to.flatMap(Instant.init(rfc3339:)), to <= from {
            throw ValidationError("--to must come after --from")
        }
    }

    func run() async throws {
        let (facts, diary, source) = try await replay()
        let scope = ReportScope(from: try since.map { try MomentText.instant($0, option: "--since", now: facts.end ?? WallClock.now()) } ?? from.flatMap(Instant.init(rfc3339:)),
                                to: to.flatMap(Instant.init(rfc3339:)), event: event, site: site)
        let report = OperationsReport(facts, scope: scope)
        // One event's day read from a recording, with no other narrowing, is its after-show report.
        let afterShow = diary.flatMap { since == nil && from == nil && to == nil && site == nil ? $0.afterShow(source: source) : nil }
        switch format {
        case .text: print((afterShow ?? report.document(source: source, eventTitles: facts.eventTitles)).text, terminator: "")
        case .md: print((afterShow ?? report.document(source: source, eventTitles: facts.eventTitles)).markdown, terminator: "")
        case .json:
            let encoder = WireFormat.makeEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }

    /// The facts of the recording named, read a chunk at a time, of the store, of the shared room's
    /// log, or of the built-in night; with `--event`, that event's day where a recording has it.
    private func replay() async throws -> (ReportFacts, EventDiary?, String) {
        let loaded = ConsoleConfig.load(directory: config ?? ConsoleConfig.directory())
        for problem in loaded.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
        let fresh = ConsoleState(rules: loaded.alerting.rules, roster: loaded.roster)
        if let shared = sharing.shared {
            do { return (try await RoomReading.reportFacts(try sharing.resolvedRoom(), fresh: fresh), nil, "the shared room's log") } catch let error as CommandError { throw error } catch {
                throw CommandError("cannot read the room's log at \(shared): \(error)")
            }
        }
        if let store {
            guard FileManager.default.fileExists(atPath: store) else { throw CommandError("no store at \(store): nothing has been recorded there yet") }
            return (try AlertStore.open(path: store).reportFacts(roster: loaded.roster), nil, "the store at \(store)")
        }
        guard let file else {
            let night = try BuiltInDemo.recording()
            var replay = ReportReplay(from: night.header.state ?? fresh, event: event)
            for envelope in night.envelopes { replay.add(envelope) }
            return (replay.facts, replay.eventDiary, "the built-in night")
        }
        let reader = RecordingReader()
        var replay = ReportReplay(from: try reader.header(path: RecordingSeries.files(of: file).first ?? file).state ?? fresh, event: event)
        for part in RecordingSeries.files(of: file) {
            let scan = try reader.scan(path: part) { envelope, _ in replay.add(envelope) }
            for issue in scan.issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
        }
        return (replay.facts, replay.eventDiary, file)
    }
}
