import Foundation
import Yams

/// Where runbooks are (`runbooks:` in `tally.yaml`): a folder, the file for each alert kind,
/// and each event's own files for some kinds.
public struct RunbookConfig: Sendable, Equatable {
    public var folder: String?
    public var kinds: [String: String] = [:]
    public var eventOverrides: [String: [String: String]] = [:]

    public init() {}

    /// A file named in the configuration: absolute, or in the runbooks folder.
    public func resolve(_ file: String) -> String {
        file.hasPrefix("/") ? file : ((folder ?? ".") as NSString).appendingPathComponent(file)
    }

    static func parse(_ node: Node, at path: String, relativeTo base: String, reader: YAMLReader) throws(ConfigProblem) -> RunbookConfig {
        let fields = try reader.mapping(node, at: path, allowed: ["folder", "kinds"])
        var config = RunbookConfig()
        if let folder = fields["folder"] {
            let text = try reader.string(folder, at: path + ".folder")
            config.folder = text.hasPrefix("/") ? text : (base as NSString).appendingPathComponent(text)
        }
        if let kinds = fields["kinds"] { config.kinds = try files(kinds, at: path + ".kinds", reader: reader) }
        return config
    }

    /// `{feed.stale: stale.md, …}`.
    static func files(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> [String: String] {
        guard let mapping = node.mapping else { throw reader.problem(node, "\(path): expected a mapping of alert kind to file") }
        var files: [String: String] = [:]
        for (key, value) in mapping {
            let kind = try reader.string(key, at: path)
            files[kind] = try reader.string(value, at: "\(path).\(kind)")
        }
        return files
    }
}
