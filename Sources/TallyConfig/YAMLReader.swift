import Foundation
import TallyCore
import Yams

/// Reads YAML nodes of one file into values, turning every mistake into a `ConfigProblem`
/// that names the file, the line and the key path.
public struct YAMLReader: Sendable {
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// The document's root node. Scalars keep their text (the basic resolver): each is read as
    /// the type its key expects, which also makes a month's schedule twice as fast to read.
    public func root(_ text: String) throws(ConfigProblem) -> Node {
        do {
            guard let node = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8).singleRoot() else { throw ConfigProblem(file: file, line: 1, message: "the file is empty") }
            return node
        } catch let problem as ConfigProblem {
            throw problem
        } catch let error as YamlError {
            throw ConfigProblem(file: file, line: Self.line(of: error), message: "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw ConfigProblem(file: file, line: 1, message: "not valid YAML: \(error)")
        }
    }

    public func problem(_ node: Node, _ message: String) -> ConfigProblem {
        ConfigProblem(file: file, line: line(node), message: message)
    }

    public func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    /// The entries of a mapping, refusing keys not in `allowed` and missing `required` ones.
    public func mapping(_ node: Node, at path: String, allowed: Set<String>, required: Set<String> = [])
        throws(ConfigProblem) -> [String: Node] {
        guard let mapping = node.mapping else {
            throw problem(node, "\(path): expected a mapping with \(allowed.sorted().joined(separator: ", "))")
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard allowed.contains(key) else {
                throw problem(keyNode, "\(join(path, key)): unknown key (expected \(allowed.sorted().joined(separator: ", ")))")
            }
            entries[key] = value
        }
        if !required.allSatisfy({ entries[$0] != nil }) {
            for key in required.sorted() where entries[key] == nil { throw problem(node, "\(join(path, key)): missing") }
        }
        return entries
    }

    public func sequence(_ node: Node, at path: String) throws(ConfigProblem) -> [Node] {
        guard let items = node.sequence else { throw problem(node, "\(path): expected a list") }
        return Array(items)
    }

    public func string(_ node: Node, at path: String) throws(ConfigProblem) -> String {
        guard node.scalar != nil, let text = node.string, !text.isEmpty else { throw problem(node, "\(path): expected text") }
        return text
    }

    /// A single string, or a list of strings.
    public func strings(_ node: Node, at path: String) throws(ConfigProblem) -> [String] {
        if node.scalar != nil { return [try string(node, at: path)] }
        var values: [String] = []
        for (index, item) in try sequence(node, at: path).enumerated() { values.append(try string(item, at: "\(path)[\(index)]")) }
        return values
    }

    /// `true` or `false`.
    public func boolean(_ node: Node, at path: String) throws(ConfigProblem) -> Bool {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default: throw problem(node, "\(path): expected true or false, not \(describe(node))")
        }
    }

    /// A whole number from `minimum` to `maximum` (a million unless told).
    public func integer(_ node: Node, at path: String, minimum: Int = 0, maximum: Int = Limits.count.upperBound) throws(ConfigProblem) -> Int {
        guard let value = node.int, (minimum...maximum).contains(value) else {
            throw problem(node, "\(path): expected a whole number from \(minimum) to \(maximum), not \(describe(node))")
        }
        return value
    }

    /// A finite number within `range`; `what` says what is expected (`a positive number`).
    public func number(_ node: Node, at path: String, in range: ClosedRange<Double>, expecting what: String) throws(ConfigProblem) -> Double {
        guard node.scalar != nil, let value = node.float, value.isFinite, range.contains(value) else {
            throw problem(node, "\(path): \(describe(node)) is not \(what) (\(range.spelled))")
        }
        return value
    }

    /// Seconds, from `90s`, `5m`, `1h`, `1d` or a plain number of seconds, within `range`
    /// (zero to ten years unless told).
    public func duration(_ node: Node, at path: String, in range: ClosedRange<Double> = Limits.durationSeconds) throws(ConfigProblem) -> Double {
        guard node.scalar != nil, let text = node.string else { throw problem(node, "\(path): expected a duration (\(DurationText.hint))") }
        do {
            return try DurationText.seconds(text, in: range)
        } catch {
            throw problem(node, "\(path): \(error.description)")
        }
    }

    public func describe(_ node: Node) -> String { node.string.map { "\"\($0)\"" } ?? "this value" }

    public func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
