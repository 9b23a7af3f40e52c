import ArgumentParser
import Foundation
import TallyBus
import TallyConfig
import TallyConsole

/// `tally run`: the live console on the monitors of a run configuration.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the console live: watch the HLS feeds and viewer counts that tally.yaml names.",
        discussion: "Alerts, acknowledgements and the audit trail are kept in $XDG_STATE_HOME/tally/tally.sqlite (or --store); "
            + "notifications go through the notifiers of alerting.yaml. Check a configuration first with tally check."
    )

    @Option(help: "The run configuration (default: $XDG_CONFIG_HOME/tally/tally.yaml).", completion: .yaml)
    var config: String?

    @OptionGroup var recording: RecordingOptions

    @Option(help: "The alert store (default: $XDG_STATE_HOME/tally/tally.sqlite).")
    var store: String?

    @OptionGroup var look: LookOptions

    func run() throws {
        let path = config ?? ConsoleConfig.directory() + "/tally.yaml"
        guard config != nil || FileManager.default.fileExists(atPath: path) else {
            throw CommandError("""
                no run configuration: give one with --config FILE, or write \(path).
                  To see the console first, run the built-in demo:   tally demo
                  To write a configuration, start from the example in README.md ("Live configuration"),
                  then check it with:                                tally check tally.yaml
                """)
        }
        let ending: ConsoleSession.Ending
        do {
            ending = try ConsoleSession.live(configPath: path, recordPath: recording.record, rotation: try recording.rotation()) { options in
                look.apply(to: &options)
                options.storePath = store
            }
        } catch let problem as ConfigProblem {
            throw CommandError("\(problem)\n  (fix it, check with tally check \(problem.file), and start again)")
        }
        if ending != .quit { throw ExitCode(ending.rawValue) }
    }
}
