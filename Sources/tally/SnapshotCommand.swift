import ArgumentParser
import Foundation
import TallyBus
import TallyConsole
import TallyCore
import TallyScreen

/// `tally snapshot [FILE] --at HH:MM:SS --size 120x40`: the screen at a moment, as plain text.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the screen the console would show at a moment of a recording, as plain text."
    )

    @Argument(help: "The recording (JSON Lines, optionally gzip-compressed); the built-in demo when omitted.")
    var file: String?

    @Option(help: "Time elapsed since the recording's start (HH:MM:SS), or an RFC 3339 timestamp.")
    var at: String

    @Option(help: "Screen size as WIDTHxHEIGHT.")
    var size: String = "120x40"

    @Flag(help: "Draw with ASCII only.")
    var ascii = false

    func validate() throws {
        guard Size(parsing: size) != nil else { throw ValidationError("--size must look like 120x40, not \"\(size)\"") }
    }

    func run() throws {
        let recording = try RecordingSource.load(file)
        for issue in recording.issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
        guard let moment = recording.moment(at) else {
            throw ValidationError("--at must be HH:MM:SS since the start or an RFC 3339 timestamp, not \"\(at)\"")
        }
        guard recording.contains(moment) else {
            let length = Figures.clockDuration(recording.end.seconds(since: recording.start))
            throw CommandError("--at \(at) is outside the recording, which runs from 00:00:00 to \(length) "
                                  + "(\(recording.start.rfc3339) to \(recording.end.rfc3339))")
        }
        let context = ScreenContext(
            mode: .demo(speed: 1, isPaused: false, isFinished: false), now: moment,
            operatorName: OperatorIdentity.current(), glyphs: ascii ? .ascii : .unicode,
            utcOffsetSeconds: TimeZone.current.secondsFromGMT(), notice: RecordingSource.notice(for: recording),
            strip: ReplayStrip(start: recording.start, end: recording.end, envelopes: recording.envelopes))
        let canvas = Screen.render(state: recording.state(at: moment), view: ViewState(), context: context, size: Size(parsing: size)!)
        print(canvas.text)
    }
}
