import Foundation
import Testing

extension EndToEnd {
    /// The command line in its ecosystem: the shells complete it, man reads its manual.
    struct ShellEndToEndTests {
        /// What bash completes for the words typed so far (the last one being completed), with
        /// the completion script `tally` generates.
        static func bashCompletes(_ words: [String]) -> String {
            let folder = URL(fileURLWithPath: TallyBinary.path).deletingLastPathComponent().path
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let script = """
                source <(tally --generate-completion-script bash)
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE="\(words.joined(separator: " "))"; COMP_POINT=${#COMP_LINE}
                _tally tally '\(words[words.count - 1])' '\(words[words.count - 2])'
                echo "${COMPREPLY[@]}"
                """
            return ProcessRunner.run(["/bin/bash", "-c", script], environment: ["PATH": folder + ":/usr/bin:/bin", "HOME": NSTemporaryDirectory()])
                .output.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        @Test func bashCompletesCommandsOptionsAndThemeNames() {
            #expect(Self.bashCompletes(["tally", "ma"]).split(separator: " ").contains("manual"))
            #expect(Self.bashCompletes(["tally", "demo", "--th"]) == "--theme")
            let themes = Self.bashCompletes(["tally", "demo", "--theme", ""]).split(separator: " ")
            #expect(["default", "mono", "high-contrast"].allSatisfy { themes.contains(Substring($0)) }, "got \(themes)")
        }

        @Test(arguments: ["zsh", "fish"])
        func zshAndFishGetTheirScripts(shell: String) {
            let script = ProcessRunner.run([TallyBinary.path, "--generate-completion-script", shell], environment: [:])
            #expect(script.status == 0)
            #expect(script.output.contains("demo") && script.output.contains("--theme"))
        }

        @Test(.enabled(if: ProcessRunner.isInstalled("groff"), "groff is not installed: the man page is not typeset"))
        func theManualTypesetsCleanlyAndListsEveryCommandAndTheKeys() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-man-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let page = folder.appendingPathComponent("tally.1").path
            let written = ProcessRunner.run(["/bin/sh", "-c", "'\(TallyBinary.path)' manual > '\(page)'"], environment: [:])
            #expect(written.status == 0)
            let warnings = ProcessRunner.run(["/bin/sh", "-c", "groff -man -Tutf8 -ww -z '\(page)' 2>&1"], environment: ["PATH": "/usr/bin:/bin"])
            #expect(warnings.output.isEmpty, "groff warned: \(warnings.output)")
            let text = ProcessRunner.run(["/bin/sh", "-c", "groff -man -Tascii -P-cbou '\(page)'"], environment: ["PATH": "/usr/bin:/bin"]).output
            for heading in ["NAME", "SYNOPSIS", "COMMANDS", "KEYS", "FILES", "EXIT STATUS"] { #expect(text.contains(heading)) }
            for command in ["tally demo", "tally run", "tally serve", "tally attach", "tally recording", "tally check"] {
                #expect(text.contains(command), "\(command) is missing")
            }
            #expect(text.contains("acknowledge") && text.contains("keys.yaml") && text.contains("--speed"))
        }
    }
}
