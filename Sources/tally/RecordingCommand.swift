import ArgumentParser
import Foundation
import TallyBus
import TallyConsole
import TallyLive
import TallyCore

/// `tally recording info|cut|merge|verify|export`: tools for recordings.
struct RecordingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recording",
        abstract: "Look into, cut, merge and check recordings, and export a stretch of a shared room's log as one.",
        subcommands: [Info.self, Cut.self, Merge.self, Verify.self, Export.self]
    )

    /// Reads a recording named on the command line, or says in one line why it cannot.
    static func read(_ path: String) throws -> Recording {
        do {
            return try RecordingSeries.read(path)
        } catch {
            throw CommandError("\(error)")
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Summarise recordings: time span, events, feeds, alerts, size.")

        @Argument(help: "Recordings (JSON Lines, optionally gzip-compressed).", completion: .recording)
        var files: [String]

        func run() throws {
            for file in files {
                // Read a chunk at a time: a recording of any size, never held whole.
                let summary: RecordingSummary
                do { summary = try RecordingSummary.of(path: file) } catch { throw CommandError("\(error)") }
                print(file + ":")
                for line in summary.lines { print("  " + line) }
            }
        }
    }

    struct Cut: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cut a time range out of a recording into a new one, which starts from the state at its start.")

        @Argument(help: "The recording to cut from.", completion: .recording)
        var file: String

        @Option(help: "Where the cut starts: time since the recording's start (HH:MM:SS) or an RFC 3339 timestamp.")
        var from: String

        @Option(help: "Where it ends, the same way (default: the end).")
        var to: String?

        @Option(help: "The new recording (compressed when it ends in .gz).")
        var out: String

        func run() throws {
            // Read as it is written, never held whole; a long plain recording through its index.
            let header: RecordingHeader
            do { header = try RecordingReader().header(path: RecordingSeries.files(of: file)[0]) } catch { throw CommandError("\(error)") }
            guard let start = Recording.moment(from, start: header.started) else {
                throw ValidationError("--from must be HH:MM:SS or an RFC 3339 timestamp")
            }
            let end = try to.map { text in
                guard let moment = Recording.moment(text, start: header.started) else { throw ValidationError("--to must be HH:MM:SS or an RFC 3339 timestamp") }
                return moment
            }
            if let end, start > end { throw CommandError("--from \(from) comes after --to \(to ?? "the end")") }
            let index = try RecordingSource.playsIndexed(file, always: false) ? RecordingSource.index(for: file) : nil
            let written = try RecordingCutter.cut(file, index: index, from: start, to: end, out: out)
            print("\(out): \(written) envelopes from \(start.rfc3339) to \(end?.rfc3339 ?? "the end")")
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge recordings (from several hubs) into one, in time order.")

        @Argument(help: "The recordings to merge.", completion: .recording)
        var files: [String]

        @Option(help: "The merged recording (compressed when it ends in .gz).")
        var out: String

        func validate() throws {
            guard files.count >= 2 else { throw ValidationError("name two recordings or more") }
        }

        func run() throws {
            let parts = try files.map { (name: $0, recording: try RecordingCommand.read($0)) }
            let merged: Recording
            do { merged = try Recording.merged(parts) } catch { throw CommandError("\(error)") }
            try merged.write(to: out)
            print("\(out): \(merged.envelopes.count) envelopes from \(files.count) recordings, \(merged.start.rfc3339) to \(merged.end.rfc3339)")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every line of recordings; problems are listed as file:line: reason, and the exit status is 1 when there are any.")

        @Argument(help: "The recordings to check.", completion: .recording)
        var files: [String]

        func run() throws {
            var total = 0
            // A rotated recording is checked part by part, so that its lines are numbered per file;
            // each is read a chunk at a time, never held whole.
            for file in files.flatMap(RecordingSeries.files(of:)) {
                let (problems, envelopes): ([RecordingIssue], Int)
                do { (problems, envelopes) = try RecordingVerifier.check(file: file) } catch { throw CommandError("\(error)") }
                for problem in problems { print(problem) }
                print("\(file): \(envelopes) envelopes, \(problems.isEmpty ? "no problems" : "\(problems.count) problems")")
                total += problems.count
            }
            if total > 0 { throw ExitCode(1) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a stretch of a shared room's log as a recording that starts from the room's state at its start (tally demo plays it).")

        @OptionGroup var sharing: SharedOptions

        @Option(help: "Where the stretch starts: an RFC 3339 time or a span back from now (2h, 1d).")
        var from: String

        @Option(help: "Where it ends, the same way (default: now).")
        var to: String?

        @Option(help: "The recording (compressed when it ends in .gz).")
        var out: String

        func validate() throws {
            guard sharing.shared != nil else { throw ValidationError("--shared URL names the room whose log to export") }
            let (start, end) = try stretch()
            if start > end { throw ValidationError("--from \(from) comes after --to \(to ?? "now")") }
        }

        private func stretch() throws -> (Instant, Instant) {
            (try MomentText.instant(from, option: "--from"), try to.map { try MomentText.instant($0, option: "--to") } ?? WallClock.now())
        }

        func run() async throws {
            let (start, end) = try stretch()
            let written: Int
            do { written = try await RoomExport.write(try sharing.resolvedRoom(), from: start, to: end, out: out) } catch let error as CommandError { throw error } catch {
                throw CommandError("cannot export the room's log: \(error)")
            }
            print("\(out): \(written) envelopes of the room's log from \(start.rfc3339) to \(end.rfc3339)")
        }
    }
}
