import Foundation
import TallyScreen

/// The themes available to a console: the built-in default, then every readable theme file in
/// the search folders (later folders override earlier ones by name). Files that fail to parse
/// are kept as problems to report, never used.
public struct ThemeCatalog: Sendable {
    public private(set) var themes: [Theme]
    public private(set) var problems: [ThemeParser.Problem]

    /// The names `t` cycles through first; other themes follow alphabetically.
    static let preferredOrder = ["default", "high-contrast", "solarized-dark", "mono"]

    public init(directories: [String]) {
        var byName: [String: Theme] = ["default": .builtIn]
        var problems: [ThemeParser.Problem] = []
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                let path = (directory as NSString).appendingPathComponent(file)
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    problems.append(.init(file: path, line: 1, message: "cannot read"))
                    continue
                }
                do {
                    let theme = try ThemeParser.parse(text, file: path)
                    byName[theme.name] = theme
                } catch {
                    problems.append(error)
                }
            }
        }
        themes = byName.values.sorted { a, b in
            let ia = Self.preferredOrder.firstIndex(of: a.name) ?? Int.max, ib = Self.preferredOrder.firstIndex(of: b.name) ?? Int.max
            return ia != ib ? ia < ib : a.name < b.name
        }
        self.problems = problems
    }

    /// The theme called `name`, if any.
    public func theme(named name: String) -> Theme? { themes.first { $0.name == name } }

    /// The theme after `name` in cycling order.
    public func theme(after name: String) -> Theme {
        guard let index = themes.firstIndex(where: { $0.name == name }) else { return themes[0] }
        return themes[(index + 1) % themes.count]
    }

    /// Where themes are looked for: the `themes/` folder of the Tally checkout or install the
    /// executable runs from, then the user's `$XDG_CONFIG_HOME/tally/themes`.
    public static func searchDirectories(executablePath: String, environment: [String: String]) -> [String] {
        var directories: [String] = []
        var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.yaml").path) {
                directories.append(candidate.path)
                break
            }
            folder.deleteLastPathComponent()
        }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.config" } ?? "")
        if !config.isEmpty { directories.append(config + "/tally/themes") }
        return directories
    }
}
