import TallyScreen
import Yams

/// Reads a theme from YAML (schema in themes/README.md) and says exactly what is wrong:
/// `file:line: key: problem`.
public enum ThemeParser {
    /// A problem in a theme file: `file:line: message`.
    public typealias Problem = ConfigProblem

    static let topLevelKeys: Set<String> = ["name", "description", "palette", "roles"]
    static let styleKeys: Set<String> = ["fg", "bg", "attrs", "fg8", "bg8", "mono"]

    public static func parse(_ text: String, file: String) throws(Problem) -> Theme {
        let reader = YAMLReader(file: file)
        let root = try reader.root(text)
        guard let mapping = root.mapping else { throw reader.problem(root, "a theme is a mapping with name and roles") }
        var name: String?
        var palette: [String: ThemeColor] = [:]
        var styles: [StyleRole: Style] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "name": name = value.string
            case "description": break
            case "palette":
                guard let entries = value.mapping else { throw reader.problem(value, "palette: expected a mapping of names to colours") }
                for (entryKey, entryValue) in entries {
                    let colourName = entryKey.string ?? ""
                    guard let text = entryValue.string, let colour = ThemeColor(parsing: text) else {
                        throw reader.problem(entryValue, "palette.\(colourName): \(reader.describe(entryValue)) is not a colour (use a name, 0-255 or #rrggbb)")
                    }
                    palette[colourName] = colour
                }
            case "roles":
                guard let roles = value.mapping else { throw reader.problem(value, "roles: expected a mapping of roles to styles") }
                for (roleNode, styleNode) in roles {
                    let roleName = roleNode.string ?? ""
                    guard let role = StyleRole(rawValue: roleName) else {
                        throw reader.problem(roleNode, "roles: unknown role \"\(roleName)\"")
                    }
                    styles[role] = try style(styleNode, path: "roles.\(roleName)", palette: palette, file: file)
                }
            default:
                throw reader.problem(keyNode, "unknown key \"\(key)\" (expected \(topLevelKeys.sorted().joined(separator: ", ")))")
            }
        }
        guard let name, !name.isEmpty else { throw reader.problem(root, "name: missing") }
        return Theme(name: name, styles: styles)
    }

    private static func style(_ node: Node, path: String, palette: [String: ThemeColor], file: String) throws(Problem) -> Style {
        let reader = YAMLReader(file: file)
        guard let mapping = node.mapping else { throw reader.problem(node, "\(path): expected a mapping such as { fg: red, attrs: [bold] }") }
        var style = Style()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            func colour() throws(Problem) -> ThemeColor {
                guard let text = value.string, let colour = palette[text] ?? ThemeColor(parsing: text) else {
                    throw reader.problem(value, "\(path).\(key): \(reader.describe(value)) is not a colour (use a palette name, an ANSI name, 0-255 or #rrggbb)")
                }
                return colour
            }
            func attributes() throws(Problem) -> Set<TextAttribute> {
                guard let items = value.sequence else { throw reader.problem(value, "\(path).\(key): expected a list such as [bold, reverse]") }
                var set: Set<TextAttribute> = []
                for item in items {
                    guard let attribute = item.string.flatMap(TextAttribute.init(rawValue:)) else {
                        throw reader.problem(item, "\(path).\(key): unknown attribute \(reader.describe(item)) (expected \(TextAttribute.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    set.insert(attribute)
                }
                return set
            }
            switch key {
            case "fg": style.foreground = try colour()
            case "bg": style.background = try colour()
            case "fg8": style.foreground8 = try colour()
            case "bg8": style.background8 = try colour()
            case "attrs": style.attributes = try attributes()
            case "mono": style.monochrome = try attributes()
            default:
                throw reader.problem(keyNode, "\(path): unknown key \"\(key)\" (expected \(styleKeys.sorted().joined(separator: ", ")))")
            }
        }
        return style
    }
}
