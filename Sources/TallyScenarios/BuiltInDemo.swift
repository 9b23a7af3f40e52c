import Foundation
import TallyBus

/// The recording that ships with Tally, so that `tally demo` works with no argument:
/// the `wbc-night` scenario at compact detail, gzip-compressed.
public enum BuiltInDemo {
    /// How messages name it.
    public static let name = "built-in demo (wbc-night)"

    /// Reads the built-in recording.
    public static func recording() throws -> Recording {
        try RecordingReader().read(path: path())
    }

    /// Where the built-in recording is (gzip-compressed).
    public static func path() throws -> String {
        guard let url = Bundle.module.url(forResource: "wbc-night-compact.jsonl", withExtension: "gz") else {
            throw RecordingError.unreadable(file: name, reason: "resource missing from the build")
        }
        return url.path
    }
}
