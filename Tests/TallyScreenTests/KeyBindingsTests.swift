import TallyCore
import Testing
@testable import TallyScreen

/// One key table for the keymap, the footer and `?`.
struct KeyBindingsTests {
    @Test(arguments: [false, true])
    func everyBindingIsListedUnderTheQuestionMark(isReplay: Bool) {
        let context = ScreenContext(mode: isReplay ? .demo(speed: 1, isPaused: true, isFinished: false) : .live, now: Instant(millisecondsSinceEpoch: 0),
                                    operatorName: "maria", glyphs: .unicode)
        var view = ViewState()
        view.overlay = .help
        let screen = Screen.render(state: ConsoleState(), view: view, context: context, size: Size(width: 80, height: 24)).text
        for binding in KeyBindings.standard.bindings where binding.mode == .panes || isReplay {
            #expect(screen.contains(binding.help), "\(binding.command) is not listed at 80x24")
            #expect(screen.contains(binding.keys[0].label(glyphs: .unicode)), "\(binding.command)'s key is not listed")
        }
    }

    @Test func theStandardTableHasNoConflicts() {
        #expect(KeyBindings.standard.conflicts.isEmpty)
        #expect(Set(KeyBindings.standard.bindings.map(\.command)) == Set(KeyCommand.allCases), "every command has a binding")
    }

    @Test func aReplayKeyWinsOnlyWhileARecordingPlays() {
        #expect(KeyBindings.standard.command(for: .character("g"), isReplay: true) == .goTo)
        #expect(KeyBindings.standard.command(for: .character("g"), isReplay: false) == .first)
        #expect(KeyBindings.standard.command(for: .character(" "), isReplay: false) == nil)
    }

    @Test func aReboundKeyRunsItsCommandAndTheFooterAndHelpShowIt() {
        let bindings = KeyBindings.standard.rebinding(.ack, to: [.character("K")])
        let keymap = Keymap(operatorName: "maria", bindings: bindings)
        var view = ViewState()
        view.focus = .alerts
        let context = ScreenContext(mode: .live, now: Instant(millisecondsSinceEpoch: 0), operatorName: "maria", glyphs: .unicode, bindings: bindings)
        let answer = keymap.handle(.character("K"), view: &view, state: ConsoleState(), context: context, size: Size(width: 80, height: 24))
        #expect(answer == [.say("no alert selected")], "K now acknowledges")
        #expect(bindings.hints(alertsFocused: true, isReplay: false, glyphs: .unicode).first! == ("K", "ack"))
        #expect(bindings.helpLines(in: [.panes], glyphs: .unicode).contains { $0 == ("K", "acknowledge") })
        #expect(bindings.command(for: .character("a"), isReplay: false) == nil)
    }

    @Test func twoCommandsOnOneKeyAreAConflict() {
        let conflicts = KeyBindings.standard.rebinding(.ack, to: [.character("j")]).conflicts
        #expect(conflicts.map(\.description) == ["\"j\" would run both down and ack (panes)"])
    }

    @Test(arguments: [("space", Key.character(" ")), ("esc", .escape), ("PgDn", .pageDown), ("shift-tab", .backTab), ("é", .character("é"))])
    func keysAreNamedAsKeysYamlWritesThem(name: String, key: Key) {
        #expect(Key(named: name) == key)
    }

    @Test(arguments: ["", "ctrl-q", "ab", " ", "\u{7}"])
    func namesThatAreNoKeyAreRefused(name: String) {
        #expect(Key(named: name) == nil)
    }
}
