import Foundation
import Testing
import TallyConfig
@testable import TallyScreen

struct ThemeParserTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test func theShippedDefaultFileSaysWhatTheBuiltInThemeSays() throws {
        let path = Self.themesFolder.appendingPathComponent("default.yaml").path
        let parsed = try ThemeParser.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(parsed == Theme.builtIn)
    }

    @Test func everyShippedThemeParsesAndIsFoundByTheCatalog() throws {
        let catalog = ThemeCatalog(directories: [Self.themesFolder.path])
        #expect(catalog.problems.isEmpty, "\(catalog.problems)")
        #expect(catalog.themes.map(\.name).prefix(4) == ["default", "high-contrast", "solarized-dark", "mono"])
        #expect(catalog.theme(after: "mono").name == "default")
    }

    @Test func paletteNamesAndAllColourFormsAreAccepted() throws {
        let theme = try ThemeParser.parse("""
            name: mine
            palette:
              brand: "#ff8700"
            roles:
              header: { fg: brand, bg: bright-blue, attrs: [bold, underline] }
              footer: { fg: 208, bg: default, fg8: yellow, mono: [reverse] }
            """, file: "mine.yaml")
        #expect(theme.name == "mine")
        #expect(theme.style(for: .header) == Style(foreground: .rgb(255, 135, 0), background: .ansi(12), attributes: [.bold, .underline]))
        #expect(theme.style(for: .footer) == Style(foreground: .indexed(208), background: .terminalDefault, foreground8: .ansi(3), monochrome: [.reverse]))
        #expect(theme.style(for: .critical) == Theme.builtIn.style(for: .critical), "roles left out look as in the default")
    }

    @Test(arguments: [
        ("name: x\nroles:\n  header: { fg: purple }\n", 3, "roles.header.fg: \"purple\" is not a colour"),
        ("name: x\nroles:\n  headr: { fg: red }\n", 3, "unknown role \"headr\""),
        ("name: x\ncolours: {}\n", 2, "unknown key \"colours\""),
        ("name: x\nroles:\n  header:\n    fg: red\n    blink: yes\n", 5, "roles.header: unknown key \"blink\""),
        ("name: x\nroles:\n  header: { attrs: [bold, flashing] }\n", 3, "unknown attribute \"flashing\""),
        ("name: x\nroles:\n  header: { attrs: bold }\n", 3, "expected a list"),
        ("roles: {}\n", 1, "name: missing"),
        ("name: x\nroles: [a, b\n", 3, "not valid YAML"),
        ("- just\n- a list\n", 1, "a theme is a mapping"),
        ("", 1, "the file is empty"),
    ] as [(String, Int, String)])
    func mistakesAreReportedWithFileAndLine(text: String, line: Int, message: String) {
        #expect {
            _ = try ThemeParser.parse(text, file: "bad.yaml")
        } throws: { error in
            guard let problem = error as? ThemeParser.Problem else { return false }
            return problem.file == "bad.yaml" && problem.line == line && problem.message.contains(message)
        }
    }

    @Test func aBrokenThemeFileIsReportedAndTheOthersStillLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: night\nroles:\n  header: { fg: 15, bg: 17 }\n".write(to: folder.appendingPathComponent("night.yaml"), atomically: true, encoding: .utf8)
        try "name: broken\nroles:\n  header: { fg: nope }\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try "not a theme".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let catalog = ThemeCatalog(directories: [folder.path, "/no/such/folder"])
        #expect(catalog.themes.map(\.name) == ["default", "night"])
        #expect(catalog.problems.map(\.description) == [folder.appendingPathComponent("broken.yaml").path + ":3: roles.header.fg: \"nope\" is not a colour (use a palette name, an ANSI name, 0-255 or #rrggbb)"])
        #expect(catalog.theme(named: "broken") == nil)
    }
}
