import Foundation
import TallyCore

/// Shift handovers on disk: `$XDG_STATE_HOME/tally/handovers/2026-03-14T1902Z-maria.md`, one
/// file each, never overwritten. A demo's handovers are marked `-demo` and never shown to a
/// live shift.
public struct Handovers: Sendable {
    public var directory: String

    public static func inStateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> Handovers {
        Handovers(directory: StateDirectory.path(environment: environment) + "/handovers")
    }

    /// Saves `markdown`, named by the time it was written and its author; returns its path.
    public func save(_ markdown: String, author: String, at instant: Instant, isDemo: Bool) throws -> String {
        try MarkdownFolder(directory: directory).save(markdown, author: author, at: instant, tag: isDemo ? "demo" : nil)
    }

    /// The newest live handover written within `maxAge` seconds, with its text.
    public func latest(maxAgeSeconds: Double = 24 * 3600) -> (path: String, markdown: String)? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        let candidates = names.filter { $0.hasSuffix(".md") && !$0.contains("-demo") }.map { directory + "/" + $0 }
        let dated = candidates.compactMap { path -> (String, Date)? in
            guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
            return (path, date)
        }
        guard let newest = dated.max(by: { $0.1 < $1.1 }), Date().timeIntervalSince(newest.1) <= maxAgeSeconds,
              let text = try? String(contentsOfFile: newest.0, encoding: .utf8) else { return nil }
        return (newest.0, text)
    }
}
