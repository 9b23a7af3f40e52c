import Foundation
import TallyCore

/// Saved console states through a long recording, kept in a file beside it
/// (`night.jsonl.tally-index`), so that the state at any moment of a 24-hour recording is one
/// saved state plus at most a minute (and at most 4,000 envelopes) away, without reading the
/// whole file. Built
/// in one pass on first use; rebuilt when the recording's size or modification time changes.
/// Plain (uncompressed) recordings only: a gzip stream cannot be entered in the middle.
///
/// File: one JSON line (`Summary`: what it indexes, and where each checkpoint's state is), then
/// the states one after another, each gzip-compressed lines written by `StatePieceWriter`.
/// Loaded, it keeps the state pieces its seeks decode, so each seek decodes only what changed.
public struct RecordingIndex: Sendable {
    /// Raised whenever the saved state changes shape (3: alerts carry their impact), so that an older index is rebuilt.
    public static let version = 3

    struct Summary: Codable, Sendable {
        var tally = "index"
        var version = RecordingIndex.version
        var sourceBytes: UInt64
        var sourceModifiedMilliseconds: Int64
        var start: Instant
        var end: Instant
        var envelopes: Int
        var checkpoints: [Checkpoint]
        var marks: TimelineMarks
        /// Lines that did not parse (the first thousand), skipped as on replay.
        var issues: [RecordingIssue]
    }

    /// The state after every envelope before `offset` (whose times are all ≤ `at`).
    struct Checkpoint: Codable, Sendable {
        var offset: UInt64
        var line: Int
        var at: Instant
        /// Where the compressed state lies after the summary line, and its length.
        var blob: UInt64
        var length: Int
    }

    let path: String
    /// The recording indexed.
    public let source: String
    let summary: Summary
    /// The file offset where the states begin.
    let blobsStart: UInt64
    /// Decodes saved states, keeping the pieces they share.
    let pieceReader = StatePieceReader()

    public var start: Instant { summary.start }
    public var end: Instant { summary.end }
    public var envelopeCount: Int { summary.envelopes }
    public var checkpointCount: Int { summary.checkpoints.count }
    /// Lines of the recording that did not parse (the first thousand).
    public var issues: [RecordingIssue] { summary.issues }
    /// Pieces of saved states decoded by seeks and kept for the next.
    public var piecesKept: Int { pieceReader.cachedPieces }
    /// Where alerts opened and phases changed, for the replay strip.
    public var marks: [TimelineMarks.Mark] { summary.marks.marks }

    /// Where the index of `recording` is kept: beside it.
    public static func path(for recording: String) -> String { recording + ".tally-index" }

    /// Where the index of `recording` is kept when its folder cannot be written: in
    /// `cacheDirectory`, named after the recording's full path.
    public static func cachePath(for recording: String, in cacheDirectory: String) -> String {
        let absolute = URL(fileURLWithPath: recording).standardizedFileURL.path
        // FNV-1a of the full path: recordings of the same name in different folders differ.
        let hash = absolute.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0100_0000_01b3 }
        return cacheDirectory + "/" + String(hash, radix: 16) + "-" + (absolute as NSString).lastPathComponent + ".tally-index"
    }

    /// `$XDG_CACHE_HOME/tally/indexes`, or `~/.cache/tally/indexes`.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
        return cache + "/tally/indexes"
    }

    /// The index of the recording at `source`: the saved one when it still matches the file,
    /// else built now (and saved beside it), telling `progress` the fraction of the recording
    /// read, every percent.
    /// When the recording's folder cannot be written, the index is kept in `cacheDirectory`.
    public static func open(for source: String, every intervalSeconds: Double = 60, cacheDirectory: String = defaultCacheDirectory(),
                            progress: (Double) -> Void = { _ in }) throws -> RecordingIndex {
        if let saved = try existing(for: source, cacheDirectory: cacheDirectory) { return saved }
        let places = [path(for: source), cachePath(for: source, in: cacheDirectory)]
        let file = try build(for: source, every: intervalSeconds, progress: progress)
        var refusals: [String] = []
        for place in places {
            do {
                try FileManager.default.createDirectory(atPath: (place as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try file.write(to: URL(fileURLWithPath: place), options: .atomic)
                return try load(from: place, for: source)
            } catch {
                refusals.append("\(place): \(error.localizedDescription)")
            }
        }
        throw RecordingError.unreadable(file: source, reason: "its index could not be saved (" + refusals.joined(separator: "; ") + ")")
    }

    /// The saved index of the recording at `source`, beside it or in `cacheDirectory`, when one
    /// still matches the file; nil when it must be built.
    public static func existing(for source: String, cacheDirectory: String = defaultCacheDirectory()) throws -> RecordingIndex? {
        let stamp = try fileStamp(source)
        for place in [path(for: source), cachePath(for: source, in: cacheDirectory)] {
            if let saved = try? load(from: place, for: source), saved.matches(stamp) { return saved }
        }
        return nil
    }

    /// Whether `path` is a recording worth an index and one it can serve: a plain file (gzip
    /// cannot be entered in the middle) of at least `minimumBytes` (a short one is read whole).
    public static func canIndex(_ path: String, minimumBytes: UInt64 = 32 << 20) -> Bool {
        guard let stamp = try? fileStamp(path), stamp.bytes >= minimumBytes, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 2)) ?? Data()
        return magic.count == 2 && !GzipInflater.isGzip(magic)
    }

    static func fileStamp(_ path: String) throws -> (bytes: UInt64, modified: Int64) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let bytes = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let modified = ((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) * 1000
        return (bytes, Int64(saturating: modified))
    }

    func matches(_ stamp: (bytes: UInt64, modified: Int64)) -> Bool {
        summary.version == Self.version && summary.sourceBytes == stamp.bytes && summary.sourceModifiedMilliseconds == stamp.modified
    }

    static func load(from path: String, for source: String) throws -> RecordingIndex {
        var stream = try LineStream(path: path, chunkSize: 1 << 16)
        defer { stream.close() }
        guard let first = try stream.next() else { throw RecordingError.empty(file: path) }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(first.line))
        return RecordingIndex(path: path, source: source, summary: summary, blobsStart: UInt64(first.line.count + 1))
    }
}
