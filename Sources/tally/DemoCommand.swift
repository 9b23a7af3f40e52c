import ArgumentParser
import TallyBus
import TallyConsole
import TallyLive

/// `tally demo [FILE]`: the console replaying a recorded night.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the console on a recording (the built-in night of 48 live events by default)."
    )

    @Argument(help: "A recording to play (JSON Lines, optionally gzip-compressed).", completion: .recording)
    var file: String?

    @Option(help: "Replay speed: 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128 or 256.")
    var speed: Double = 1

    @Flag(help: "Start paused (space resumes).")
    var paused = false

    @Flag(help: ArgumentHelp(
        "Read the recording from disk as it plays, through an index of saved states built beside it on first use.",
        discussion: "A plain recording over 32 MB is always played this way; a shorter one is otherwise read whole."))
    var indexed = false

    @Flag(help: ArgumentHelp(
        "Training: answer the night's alerts yourself (its operators' answers are taken out); a report compares yours with theirs at the end.",
        discussion: "Nothing touches a real store or pages anyone; the report is printed and saved under $XDG_STATE_HOME/tally/training/."))
    var train = false

    @OptionGroup var look: LookOptions

    @Option(help: "The configuration folder holding alerting.yaml, roster.yaml and keys.yaml (default: $XDG_CONFIG_HOME/tally).",
            completion: .directory)
    var config: String?

    @Option(help: ArgumentHelp(
        "Keep the demo's acknowledgements, escalations and silences in this store file (read it with tally audit --store).",
        discussion: "Without it they go to a throwaway in-memory store. Notifiers are never called in a demo."))
    var store: String?

    func validate() throws {
        if train, store != nil { throw ValidationError("--store is not for training: a training session keeps nothing but its report") }
        if train, indexed { throw ValidationError("--indexed is not for training: training holds the recording whole, to set your answers beside its operators'") }
        guard RecordingPlayer.speeds.contains(speed) else {
            throw ValidationError("--speed must be one of " + RecordingPlayer.speeds.map { $0 < 1 ? "\($0)" : "\(Int($0))" }.joined(separator: ", "))
        }
    }

    func run() throws {
        let configure = { (options: inout ConsoleOptions) in
            look.apply(to: &options)
            options.storePath = store
            options.configDirectory = config
        }
        let ending: ConsoleSession.Ending
        if train {
            let outcome: ConsoleSession.TrainingOutcome
            (ending, outcome) = try ConsoleSession.train(file: file, speed: speed, paused: paused, configure: configure)
            print(outcome.report)
            print(outcome.saved)
        } else {
            ending = try ConsoleSession.demo(file: file, speed: speed, paused: paused, indexed: indexed, configure: configure)
        }
        if ending != .quit { throw ExitCode(ending.rawValue) }
    }
}
