import ArgumentParser
import TallyBus
import TallyScenarios

/// `tally record --scenario wbc-night --out FILE`: writes a generated night as a recording.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Write a deterministic, generated night of live events as a recording."
    )

    @Option(help: "The scenario to generate (wbc-night).")
    var scenario: String

    @Option(help: "The recording file to write (JSON Lines; gzip-compressed when it ends in .gz).")
    var out: String

    @Option(help: "The seed: the same seed always gives the same recording.")
    var seed: UInt64 = 2026

    @Option(help: "Length of the night in hours.")
    var hours: Double = 4

    @Flag(help: "Sample feeds every minute and audiences every 30 s, as the built-in demo does.")
    var compact = false

    func validate() throws {
        guard scenario == WBCNightScenario.name else {
            throw ValidationError("unknown scenario \"\(scenario)\"; available: \(WBCNightScenario.name)")
        }
        guard hours > 0, hours <= 48 else { throw ValidationError("--hours must be between 0 and 48") }
    }

    func run() throws {
        var options = compact ? WBCNightScenario.Options.compact : WBCNightScenario.Options()
        options.seed = seed
        options.hours = hours
        try WBCNightScenario(options: options).write(to: out)
    }
}
