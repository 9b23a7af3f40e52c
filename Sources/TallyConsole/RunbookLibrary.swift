import Foundation
import TallyConfig
import TallyCore
import TallyScreen

/// Finds and reads the runbook for an alert: the event's own for its kind, then the one the
/// configuration maps the kind to, then `KIND.md` in the runbooks folder, then the path the
/// alert names, then the built-in one for the kind, then the general one.
struct RunbookLibrary {
    var config = RunbookConfig()

    static let byteCap = 256 << 10

    /// The runbook of `alert`, ready for the overlay.
    func runbook(for alert: Alert) -> DocumentView {
        let kind = alert.raised.class ?? String(alert.raised.dedupKey.prefix { $0 != "/" })
        let event = alert.raised.labels["event"]
        var candidates: [String] = []
        if let event, let file = config.eventOverrides[event]?[kind] { candidates.append(config.resolve(file)) }
        if let file = config.kinds[kind] { candidates.append(config.resolve(file)) }
        if config.folder != nil { candidates.append(config.resolve(kind + ".md")) }
        // The path an alert names counts when it is absolute or a runbooks folder is configured:
        // never a file that happens to sit in the working directory.
        if let named = alert.raised.runbook, named.hasPrefix("/") || config.folder != nil {
            candidates.append(config.resolve(named.hasPrefix("runbooks/") ? String(named.dropFirst(9)) : named))
        }
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            return DocumentView(title: "Runbook · \(kind)", source: path, markdown: Self.read(path))
        }
        for name in [kind, "general"] {
            if let url = Bundle.module.url(forResource: name, withExtension: "md", subdirectory: "Runbooks") {
                return DocumentView(title: "Runbook · \(kind)" + (name == "general" ? " (none written yet)" : ""),
                                   source: "built-in " + name + ".md", markdown: Self.read(url.path))
            }
        }
        return DocumentView(title: "Runbook · \(kind)", source: "none", markdown: "No runbook found for \(kind).")
    }

    private static func read(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "Cannot read \(path)." }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: byteCap)) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return data.count == byteCap ? text + "\n\n*(cut at 256 KiB)*" : text
    }
}
