import ArgumentParser
import TallyConfig
import TallyConsole

/// `tally handover`: writes the shift handover from the store and the schedule.
struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Write the shift handover (open and acknowledged alerts, events live and coming, open checklist items) and print it.",
        discussion: "It is saved under $XDG_STATE_HOME/tally/handovers/, where the next console to start a shift finds and shows it."
    )

    @Option(help: "A note for the next shift.")
    var note = ""

    @Option(help: "The run configuration (default: $XDG_CONFIG_HOME/tally/tally.yaml, if there is one).")
    var config: String?

    @Option(help: "The alert store (default: $XDG_STATE_HOME/tally/tally.sqlite).")
    var store: String?

    func run() throws {
        do {
            let written = try ShiftHandover.write(configPath: config, storePath: store, note: note)
            print(written.markdown)
            print("saved: \(written.path)")
        } catch let problem as ConfigProblem {
            throw CommandError("\(problem)")
        }
    }
}
