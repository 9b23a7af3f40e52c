import TallyCore
import Testing
@testable import TallyScreen

/// The `:` command line: what a typed line asks for, or why it is refused.
struct CommandLineParserTests {
    @Test(arguments: [
        ("ack 12 looking at it", TypedCommand.acknowledge(12, note: "looking at it")),
        ("ack #12", .acknowledge(12, note: nil)),
        ("unack 3", .letGo(3)),
        ("escalate 4 need the lead", .escalate(4, note: "need the lead")),
        ("resolve 4", .resolve(4, note: nil)),
        ("silence feed=wbc-01-primary 2h planned maintenance",
         .silence([LabelMatcher(label: "feed", equals: "wbc-01-primary")], seconds: 7200, comment: "planned maintenance")),
        ("goto 19:45", .goTo("19:45")),
        ("theme mono", .theme("mono")),
        ("filter tokyo dome", .filter("tokyo dome")),
        ("filter", .filter(nil)),
        ("HELP", .help),
        ("quit", .quit),
    ])
    func aTypedLineAsksForItsCommand(line: String, expected: TypedCommand) throws {
        #expect(try CommandLineParser.parse(line).get() == expected)
    }

    @Test(arguments: [
        ("", "type a command: ack, unack, escalate, resolve, silence, goto, theme, filter, report, help, quit"),
        ("frobnicate", "unknown command \"frobnicate\"; :help lists the keys, Tab completes"),
        ("ack", "usage: :ack ID [note]"),
        ("ack twelve", "\"twelve\" is not an alert number; usage: :ack ID [note]"),
        ("ack 99999999999999999999", "\"99999999999999999999\" is not an alert number; usage: :ack ID [note]"),
        ("silence 2h why", "usage: :silence LABEL=VALUE… DURATION COMMENT, such as :silence feed=wbc-01-primary 2h planned maintenance"),
        ("silence feed=x 2x why", "\"2x\" is not a duration (90s, 5m, 2h, 1d)"),
        ("silence feed=x 400d why", "a silence lasts 1s to 30d, not 400d"),
        ("silence feed=x inf why", "\"inf\" is not a duration (90s, 5m, 2h, 1d)"),
        ("silence feed=x 2h", "say why the silence is needed; usage: :silence LABEL=VALUE… DURATION COMMENT, such as :silence feed=wbc-01-primary 2h planned maintenance"),
        ("goto", "usage: :goto HH:MM[:SS] since the start, or an RFC 3339 time"),
    ])
    func aBadLineIsRefusedWithTheReason(line: String, message: String) {
        #expect(CommandLineParser.parse(line) == .failure(CommandLineParser.Problem(message: message)))
    }

    @Test func tabCompletesCommandsAndThemes() {
        #expect(CommandLineParser.complete("go", themes: []) == "goto ")
        #expect(CommandLineParser.complete("e", themes: []) == "escalate ")
        #expect(CommandLineParser.complete("", themes: []) == "")
        #expect(CommandLineParser.complete("theme so", themes: ["default", "solarized-dark", "solarized-light"]) == "theme solarized-")
        #expect(CommandLineParser.complete("theme m", themes: ["mono"]) == "theme mono ")
        #expect(CommandLineParser.complete("ack 1", themes: []) == "ack 1")
    }

    @Test func theCommandLineRunsThroughTheKeymap() {
        let keymap = Keymap(operatorName: "maria", channel: "key:test")
        var view = ViewState()
        let context = ScreenContext(mode: .live, now: Instant(millisecondsSinceEpoch: 0), operatorName: "maria", glyphs: .unicode)
        let size = Size(width: 80, height: 24)
        func type(_ text: String) -> [ConsoleCommand] {
            var commands = keymap.handle(.character(":"), view: &view, state: ConsoleState(), context: context, size: size)
            for character in text { commands += keymap.handle(.character(character), view: &view, state: ConsoleState(), context: context, size: size) }
            return commands + keymap.handle(.enter, view: &view, state: ConsoleState(), context: context, size: size)
        }
        #expect(type("ack 12") == [.say("no alert #12")])
        #expect(type("goto 19:45") == [.say(":goto moves a replay (tally demo); a live console stays on the present")])
        #expect(type("theme mono") == [.useTheme("mono")])
        #expect(type("silence event=wbc-06 1h venue works") == [.silence(SilenceRequest(
            matchers: [LabelMatcher(label: "event", equals: "wbc-06")], durationSeconds: 3600, actor: "maria", channel: "key:test",
            comment: "venue works"))])
        _ = type("filter japan")
        #expect(view.filters[.events] == "japan")
        #expect(view.commandDraft == nil)
    }
}
