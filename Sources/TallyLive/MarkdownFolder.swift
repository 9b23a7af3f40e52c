import Foundation
import TallyCore

/// A folder of Markdown notes (handovers, training reports), each named by the time it was
/// written and its author (`2026-03-14T1902Z-maria.md`) and never overwritten.
public struct MarkdownFolder: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Saves `markdown`, with `-tag` after the author when given; returns its path.
    public func save(_ markdown: String, author: String, at instant: Instant, tag: String? = nil) throws -> String {
        let stamp = String(instant.rfc3339.prefix(16)).replacingOccurrences(of: ":", with: "") + "Z"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let base = "\(directory)/\(stamp)-" + author.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } + (tag.map { "-" + $0 } ?? "")
        var path = base + ".md"
        var suffix = 2
        while FileManager.default.fileExists(atPath: path) {
            path = base + "-\(suffix).md"
            suffix += 1
        }
        try Data(markdown.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }
}
