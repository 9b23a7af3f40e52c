import Foundation
import TallyBus
import TallyScenarios

/// Where a recording comes from on the command line: a file, or the built-in demo.
public enum RecordingSource {
    /// Reads `path` (all its numbered parts when it names a rotated recording), or the
    /// built-in demo when nil.
    public static func load(_ path: String?) throws -> Recording {
        if let path { return try RecordingSeries.read(path) }
        return try BuiltInDemo.recording()
    }

    /// A short notice for the header when lines were skipped.
    public static func notice(for recording: Recording) -> String? {
        recording.issues.isEmpty ? nil : "\(recording.issues.count) bad lines skipped (see log)"
    }
}
