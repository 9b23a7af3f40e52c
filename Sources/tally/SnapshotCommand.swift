import ArgumentParser
import Foundation
import TallyBus
import TallyConsole
import TallyLive
import TallyCore
import TallyScenarios
import TallyScreen

/// `tally snapshot [FILE] --at HH:MM:SS --size 120x40`: the screen at a moment, as plain text.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the screen the console would show at a moment of a recording, as plain text."
    )

    @Argument(help: "The recording (JSON Lines, optionally gzip-compressed); the built-in demo when omitted.", completion: .recording)
    var file: String?

    @Option(help: "Time elapsed since the recording's start (HH:MM:SS), or an RFC 3339 timestamp.")
    var at: String

    @Option(help: "Screen size as WIDTHxHEIGHT.")
    var size: String = "120x40"

    @Flag(help: "Draw with ASCII only.")
    var ascii = false

    func validate() throws {
        guard Size(parsing: size) != nil else {
            throw ValidationError("--size must look like 120x40, each side from \(Limits.screenCells.lowerBound) to \(Limits.screenCells.upperBound), not \"\(size.prefix(40))\"")
        }
    }

    func run() throws {
        // A long plain recording is read through its index (built beside it on first use):
        // one saved state and a minute of envelopes, not the whole night.
        if let file, try RecordingSource.playsIndexed(file, always: false) {
            let index = try RecordingSource.index(for: file)
            for issue in index.issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
            let moment = try resolve(start: index.start, end: index.end)
            print(try render(state: index.state(at: moment), at: moment, strip: ReplayStrip(start: index.start, end: index.end, marks: index.marks),
                             notice: index.issues.isEmpty ? nil : "\(index.issues.count) bad lines skipped"))
            return
        }
        // Otherwise the file is read as far as the moment, and only glanced at after it.
        let files = try file.map(RecordingSeries.files(of:)) ?? [BuiltInDemo.path()]
        guard files.count == 1 else { return try renderWhole() }
        let glimpse = try RecordingGlimpse(path: files[0]) { start in
            guard let instant = Recording.moment(at, start: start) else { throw momentRefused }
            return instant
        }
        for issue in glimpse.issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
        let instant = try resolve(start: glimpse.start, end: glimpse.end)
        print(try render(state: glimpse.state, at: instant, strip: ReplayStrip(start: glimpse.start, end: glimpse.end, marks: glimpse.marks),
                         notice: RecordingSource.notice(skipped: glimpse.issues.count)))
    }

    /// A recording in numbered parts, read whole.
    private func renderWhole() throws {
        let recording = try RecordingSource.load(file)
        for issue in recording.issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
        let moment = try resolve(start: recording.start, end: recording.end)
        print(try render(state: recording.state(at: moment), at: moment,
                         strip: ReplayStrip(start: recording.start, end: recording.end, envelopes: recording.envelopes),
                         notice: RecordingSource.notice(for: recording)))
    }

    private var momentRefused: ValidationError {
        ValidationError("--at must be HH:MM:SS since the start or an RFC 3339 timestamp, not \"\(at)\"")
    }

    /// The moment `--at` names, within the recording.
    private func resolve(start: Instant, end: Instant) throws -> Instant {
        guard let moment = Recording.moment(at, start: start) else { throw momentRefused }
        guard moment >= start, moment <= end else {
            throw CommandError("--at \(at) is outside the recording, which runs from 00:00:00 to \(Figures.clockDuration(end.seconds(since: start))) "
                                  + "(\(start.rfc3339) to \(end.rfc3339))")
        }
        return moment
    }

    private func render(state: ConsoleState, at moment: Instant, strip: ReplayStrip, notice: String?) throws -> String {
        let context = ScreenContext(
            mode: .demo(speed: 1, isPaused: false, isFinished: false), now: moment,
            operatorName: OperatorIdentity.current(), glyphs: ascii ? .ascii : .unicode,
            utcOffsetSeconds: TimeZone.current.secondsFromGMT(), notice: notice, strip: strip)
        return Screen.render(state: state, view: ViewState(), context: context, size: Size(parsing: size)!).text
    }
}
