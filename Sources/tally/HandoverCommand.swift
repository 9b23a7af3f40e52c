import ArgumentParser
import TallyConfig
import TallyConsole

/// `tally handover`: writes the shift handover from the store and the schedule.
struct HandoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Write the shift handover (open and acknowledged alerts, events live and coming, open checklist items) and print it.",
        discussion: """
            It is saved under $XDG_STATE_HOME/tally/handovers/, where the next console to start a shift finds and shows it. \
            With --shared it is written from the shared room's state and put in the room's log, so that the next console to attach at any site opens on it.
            """
    )

    @Option(help: "A note for the next shift.")
    var note = ""

    @Option(help: "The run configuration (default: $XDG_CONFIG_HOME/tally/tally.yaml, if there is one).")
    var config: String?

    @Option(help: "The alert store (default: $XDG_STATE_HOME/tally/tally.sqlite).")
    var store: String?

    @OptionGroup var sharing: SharedOptions

    func validate() throws {
        if store != nil, sharing.shared != nil { throw ValidationError("--store and --shared name two places to write from: give one") }
    }

    func run() async throws {
        do {
            let written = try await sharing.shared == nil
                ? ShiftHandover.write(configPath: config, storePath: store, note: note)
                : RoomHandover.write(try sharing.resolvedRoom(), configPath: config, note: note)
            print(written.markdown)
            print("saved: \(written.path)")
        } catch let problem as ConfigProblem {
            throw CommandError("\(problem)")
        } catch let error as CommandError {
            throw error
        } catch {
            throw CommandError("cannot write the handover: \(error)")
        }
    }
}
