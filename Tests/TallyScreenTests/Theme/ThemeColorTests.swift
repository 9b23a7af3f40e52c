import Testing
@testable import TallyScreen

struct ThemeColorTests {
    @Test(arguments: [
        ("default", ThemeColor.terminalDefault), ("red", .ansi(1)), ("Bright-White", .ansi(15)), ("7", .ansi(7)),
        ("208", .indexed(208)), ("#5fafff", .rgb(0x5F, 0xAF, 0xFF)),
    ] as [(String, ThemeColor)])
    func colourNamesParse(text: String, colour: ThemeColor) {
        #expect(ThemeColor(parsing: text) == colour)
    }

    @Test(arguments: ["purple", "256", "-1", "#12345", "#gggggg", "bright-", ""])
    func nonColoursAreRejected(text: String) {
        #expect(ThemeColor(parsing: text) == nil)
    }

    @Test func coloursDegradeToWhatTheTerminalHas() {
        // xterm 196 is pure red: red in 16 colours is bright red (9), in 8 colours red (1).
        #expect(ThemeColor.indexed(196).number(at: 256) == 196)
        #expect(ThemeColor.indexed(196).number(at: 16) == 9)
        #expect(ThemeColor.indexed(196).number(at: 8) == 1)
        #expect(ThemeColor.rgb(0, 0x87, 0xFF).number(at: 256) == 33)
        #expect(ThemeColor.ansi(12).number(at: 8) == 4)
        #expect(ThemeColor.terminalDefault.number(at: 8) == -1)
        #expect(ThemeColor.ansi(1).number(at: 0) == nil)
    }

    @Test func eightColourAndMonochromeFallbacksAreUsed() {
        let theme = Theme.builtIn
        #expect(theme.resolved(.header, depth: 256) == .init(foreground: 15, background: 24, attributes: []))
        #expect(theme.resolved(.header, depth: 8) == .init(foreground: 7, background: 4, attributes: []))
        #expect(theme.resolved(.critical, depth: 0) == .init(foreground: nil, background: nil, attributes: [.bold, .reverse]))
        #expect(theme.resolved(.paneTitle, depth: 0).attributes == [.bold], "no monochrome entry keeps the attributes")
    }
}
