import ArgumentParser
import Foundation
import TallyConfig
import TallyConsole
import TallyLive

/// How a console looks, the same for `tally demo`, `tally run` and `tally attach`.
struct LookOptions: ParsableArguments {
    @Option(help: "Theme to start with (default, high-contrast, solarized-dark, mono, or your own).",
            completion: .custom { _, _, _ in LookOptions.themeNames })
    var theme = "default"

    @Flag(help: "Draw with ASCII only, whatever the locale.")
    var ascii = false

    func apply(to options: inout ConsoleOptions) {
        options.themeName = theme
        options.forcesASCII = ascii
    }

    /// The themes this installation has, for the shells' completion of `--theme`.
    static var themeNames: [String] {
        ThemeCatalog(directories: ThemeDirectories.find(environment: ProcessInfo.processInfo.environment)).themes.map(\.name)
    }
}

extension CompletionKind {
    /// Recordings: JSON Lines, plain or compressed.
    static let recording = CompletionKind.file(extensions: ["jsonl", "gz"])
    /// YAML configuration files.
    static let yaml = CompletionKind.file(extensions: ["yaml", "yml"])
}
