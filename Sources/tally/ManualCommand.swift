import ArgumentParser
import Foundation
import TallyScreen

/// `tally manual`: the man page, written from the commands' own help and the key table, so
/// that it never disagrees with them. `tally manual > ~/.local/share/man/man1/tally.1`.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the man page (roff), for man to read: tally manual > ~/.local/share/man/man1/tally.1"
    )

    func run() {
        let commands = Tally.configuration.subcommands.filter { ObjectIdentifier($0) != ObjectIdentifier(ManualCommand.self) }
        print(ManualPage.roff(commands: commands), terminator: "")
    }
}

/// The man page of `tally` as roff (the man(7) macros).
enum ManualPage {
    static func roff(commands: [any ParsableCommand.Type]) -> String {
        var page = [".TH TALLY 1 \"\" \"Tally\" \"User Commands\"", ".SH NAME", "tally \\- a terminal control room for live-streaming operations",
                    ".SH SYNOPSIS", ".B tally", "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]", ".SH DESCRIPTION"]
        page.append(text("""
            Tally is one console that watches every live event, every feed and every audience, and lets an \
            engineer see a failing feed, own it and hand it up the chain in seconds. tally demo replays a \
            recorded night; tally run watches live feeds; tally serve is a hub that consoles attach to.
            """))
        page.append(".SH COMMANDS")
        for command in commands {
            let name = command.configuration.commandName ?? "\(command)"
            page += [".SS tally \(name)", text(command.configuration.abstract), ".PP", ".nf"]
            page += Tally.helpMessage(for: command, columns: 78).split(separator: "\n", omittingEmptySubsequences: false).map { text(String($0)) }
            page.append(".fi")
        }
        page.append(".SH KEYS")
        page.append(text("In a console; keys.yaml in the configuration folder moves any of them (see FILES), and : opens a command line."))
        for (title, mode) in [("Any console", KeyMode.panes), ("Replaying a recording", .replay)] {
            page += [".SS \(title)"]
            for line in KeyBindings.standard.helpLines(in: [mode], glyphs: .ascii) { page += [".TP", ".B " + text(line.keys), text(line.help)] }
        }
        page.append(".SH FILES")
        for (path, what) in [
            ("$XDG_CONFIG_HOME/tally/tally.yaml", "the run configuration: events, feeds, viewer sources"),
            ("$XDG_CONFIG_HOME/tally/alerting.yaml, roster.yaml", "escalation policies, routes and notifiers; the on-call roster"),
            ("$XDG_CONFIG_HOME/tally/keys.yaml", "keys moved to other commands, such as ack: K"),
            ("$XDG_CONFIG_HOME/tally/themes/", "themes of your own"),
            ("$XDG_STATE_HOME/tally/tally.sqlite", "alerts, silences and the audit trail"),
            ("$XDG_STATE_HOME/tally/tally.log, hub.log", "the logs (nothing is printed while the console owns the screen)"),
            ("$XDG_STATE_HOME/tally/handovers/", "shift handovers"),
        ] {
            page += [".TP", ".I " + text(path), text(what)]
        }
        page.append(".SH EXIT STATUS")
        page.append(text("0 on quitting, 1 on an error, 129 when the terminal hung up, 130 on Ctrl-C, 143 on SIGTERM."))
        page.append(".SH SEE ALSO")
        page.append(text("README.md of the Tally source, and tally help COMMAND."))
        return page.joined(separator: "\n") + "\n"
    }

    /// `line` made safe as roff text: backslashes and hyphens escaped, characters beyond ASCII
    /// written as `\[uXXXX]`, and a leading dot or quote kept literal.
    static func text(_ line: String) -> String {
        var escaped = ""
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\e"
            case "-": escaped += "\\-"
            case _ where scalar.isASCII: escaped.unicodeScalars.append(scalar)
            default: escaped += "\\[u" + String(format: "%04X", scalar.value) + "]"
            }
        }
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}
