import Foundation
import TallyScreen
import Yams

/// `keys.yaml` in the configuration folder: commands moved to other keys, each named by the
/// command it runs (README.md, "Keys"). Commands not named keep their keys.
///
///     ack: A
///     escalate: [e, E]
///
/// An unknown command, an unknown key name or two commands of one mode on a key is refused with
/// `file:line: …`, and the standard keys stay.
public enum KeyBindingsParser {
    public static func parse(_ text: String, file: String) throws(ConfigProblem) -> KeyBindings {
        let reader = YAMLReader(file: file)
        let root = try reader.root(text)
        guard let mapping = root.mapping else {
            throw reader.problem(root, "keys.yaml maps commands to keys, such as `ack: A` or `escalate: [e, E]`")
        }
        var bindings = KeyBindings.standard
        var nodes: [KeyCommand: Node] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            guard let command = KeyCommand(rawValue: name) else {
                throw reader.problem(keyNode, "unknown command \"\(name)\" (expected \(KeyCommand.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let items = value.sequence.map(Array.init) ?? [value]
            guard !items.isEmpty else { throw reader.problem(value, "\(name): give it a key") }
            var keys: [Key] = []
            for item in items {
                guard let text = item.string, let key = Key(named: text) else {
                    throw reader.problem(item, "\(name): unknown key \(reader.describe(item)) (\(Key.nameList))")
                }
                keys.append(key)
            }
            bindings = bindings.rebinding(command, to: keys)
            nodes[command] = value
        }
        if let conflict = bindings.conflicts.first {
            let node = conflict.commands.lazy.compactMap { nodes[$0] }.first ?? root
            throw reader.problem(node, "\(conflict)")
        }
        return bindings
    }

    /// The keys of `directory/keys.yaml`: the standard ones when there is no such file, and with
    /// the problem when it has a mistake.
    public static func load(directory: String) -> (bindings: KeyBindings, problem: ConfigProblem?) {
        let path = directory + "/keys.yaml"
        guard FileManager.default.fileExists(atPath: path) else { return (.standard, nil) }
        do {
            return (try parse(try ConsoleConfig.text(of: path), file: path), nil)
        } catch {
            return (.standard, error)
        }
    }
}
