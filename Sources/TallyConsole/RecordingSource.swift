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
        notice(skipped: recording.issues.count)
    }

    /// The notice for `skipped` bad lines; nil for none.
    public static func notice(skipped: Int) -> String? {
        skipped == 0 ? nil : "\(skipped) bad lines skipped (see log)"
    }

    /// Whether `path` should be played through its index: a plain recording over 32 MB, or any
    /// plain one when `always`. Throws when `always` names one that cannot be (gzip, parts).
    public static func playsIndexed(_ path: String?, always: Bool) throws -> Bool {
        guard let path else {
            if always { throw RecordingError.notARecording(file: "the built-in night", reason: "it is held in memory; --indexed is for a file") }
            return false
        }
        if RecordingIndex.canIndex(path) { return true }
        guard always else { return false }
        guard RecordingIndex.canIndex(path, minimumBytes: 0) else {
            throw RecordingError.notARecording(file: path, reason: "only a single plain .jsonl file can be indexed (a gzip stream cannot be entered in the middle)")
        }
        return true
    }

    /// The index beside the recording at `path`, built now when missing or stale, with its
    /// progress on standard error (call it before the terminal is taken).
    public static func index(for path: String) throws -> RecordingIndex {
        let isTerminal = isatty(STDERR_FILENO) == 1
        var announced = false
        let index = try RecordingIndex.open(for: path) { fraction in
            if !announced { FileHandle.standardError.write(Data("indexing \(path) for seeking (once; kept beside it)\(isTerminal ? "" : "\n")".utf8)) }
            announced = true
            if isTerminal { FileHandle.standardError.write(Data("\rindexing \(path) for seeking: \(Int(fraction * 100))%".utf8)) }
        }
        if announced, isTerminal { FileHandle.standardError.write(Data("\rindexing \(path) for seeking: done\u{1B}[K\n".utf8)) }
        return index
    }
}
