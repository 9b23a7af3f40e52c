import ArgumentParser
import TallyConfig

/// `tally check FILE...`: validates configuration files without running anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate configuration files (tally.yaml, alerting.yaml, roster.yaml) and say exactly what is wrong, with file and line."
    )

    @Argument(help: "The files to check (tally.yaml, alerting.yaml, roster.yaml, keys.yaml, tokens.yaml).", completion: .yaml)
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            switch ConsoleConfig.check(file: file) {
            case .success(let summary): print("ok   " + summary)
            case .failure(let problem):
                print("FAIL \(problem)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
