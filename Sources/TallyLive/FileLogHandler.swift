import Foundation
import Logging
import Synchronization
import TallyCore

/// A swift-log handler that appends lines to a file: while curses owns the screen nothing may
/// be printed, so everything goes here (`$XDG_STATE_HOME/tally/tally.log` by default).
public struct FileLogHandler: LogHandler {
    private final class Sink: Sendable {
        let handle: Mutex<FileHandle>
        init(handle: FileHandle) { self.handle = Mutex(handle) }
    }

    private let sink: Sink
    private let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    /// Opens (creating folders as needed) the log file for appending.
    public static func open(path: String) throws -> @Sendable (String) -> any LogHandler {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let sink = Sink(handle: handle)
        return { label in FileLogHandler(sink: sink, label: label) }
    }

    private init(sink: Sink, label: String) {
        self.sink = sink
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let now = Instant(Date())
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = merged.isEmpty ? "" : " " + merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }.joined(separator: " ")
        let line = "\(now.rfc3339) \(event.level) \(label): \(event.message)\(details)\n"
        sink.handle.withLock { $0.write(Data(line.utf8)) }
    }
}

/// Where Tally keeps its state and log: `$XDG_STATE_HOME/tally`, else `~/.local/state/tally`.
public enum StateDirectory {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/tally" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/tally"
    }

    /// The alert store: alerts, silences and the audit trail.
    public static func storePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        path(environment: environment) + "/tally.sqlite"
    }
}
