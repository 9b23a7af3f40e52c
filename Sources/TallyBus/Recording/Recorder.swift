import Foundation
import TallyCore

/// A live session's recording (`--record`): every envelope, buffered and flushed at least once
/// a second and on close; when a rotation is set, cut by size or by age into numbered parts
/// (`night-0001.jsonl`, `night-0002.jsonl`, …), each with its own header, that play back as one.
public final class Recorder {
    /// When to start a new part: past this many bytes, or this many seconds of recording time.
    public struct Rotation: Sendable, Equatable {
        public var bytes: Int?
        public var seconds: Double?

        public init(bytes: Int? = nil, seconds: Double? = nil) {
            self.bytes = bytes
            self.seconds = seconds
        }

        /// Reads `256MB`, `1GB`, `500KB` (1 KB to 1 TB), or `30m`, `1h`, `1d` (1 s to ten years);
        /// refuses anything else, saying why.
        public init(parsing text: String) throws(DurationText.Problem) {
            let sizes: [(String, Double)] = [("KB", 1024), ("MB", 1_048_576), ("GB", 1_073_741_824), ("TB", 1_099_511_627_776)]
            if let (suffix, scale) = sizes.first(where: { text.hasSuffix($0.0) }) {
                guard let value = Double(text.dropLast(suffix.count)), value.isFinite, Limits.bytes.contains(value * scale) else {
                    throw DurationText.Problem(description: "\"\(text.prefix(40))\" is not a size from 1KB to 1TB")
                }
                self.init(bytes: Int(saturating: value * scale))
            } else {
                self.init(seconds: try DurationText.seconds(text, in: 1...Limits.longestDurationSeconds))
            }
        }
    }

    public static let flushInterval = 1.0

    private let path: String
    private let meta: [String: String]
    private let rotation: Rotation?
    private var writer: RecordingWriter?
    private var part = 0
    private var partStarted: Instant?
    private var lastFlush: Double
    private var isDirty = false

    /// Records to `path`, or with a rotation to its numbered parts.
    public init(path: String, meta: [String: String], rotation: Rotation? = nil, atWall wall: Double) {
        self.path = path
        self.meta = meta
        self.rotation = rotation
        self.lastFlush = wall
    }

    /// The file being written now.
    public var currentPath: String { rotation == nil ? path : RecordingSeries.partPath(of: path, number: max(part, 1)) }

    /// Creates the first file now (rather than at the first envelope), so that a path that
    /// cannot be written is known at once.
    public func open(at instant: Instant) throws {
        if writer == nil { try startPart(at: instant) }
    }

    /// Appends one envelope, starting a new part first when the current one is full or old.
    public func append(_ envelope: Envelope) throws {
        if writer == nil || isDue(envelope) { try startPart(at: envelope.timestamp) }
        try writer?.append(envelope)
        isDirty = true
    }

    /// Flushes what is buffered when a second has passed since the last flush.
    public func flushIfDue(atWall wall: Double) throws {
        guard isDirty, wall - lastFlush >= Self.flushInterval else { return }
        try writer?.flush()
        lastFlush = wall
        isDirty = false
    }

    public func close() throws {
        try writer?.close()
        writer = nil
    }

    private func isDue(_ envelope: Envelope) -> Bool {
        guard let rotation, let writer else { return false }
        if let bytes = rotation.bytes, writer.bytesWritten >= bytes { return true }
        if let seconds = rotation.seconds, let started = partStarted, envelope.timestamp.seconds(since: started) >= seconds { return true }
        return false
    }

    private func startPart(at instant: Instant) throws {
        try writer?.close()
        part += 1
        partStarted = instant
        var header = meta
        if rotation != nil { header["part"] = String(part) }
        writer = try RecordingWriter(path: currentPath, header: RecordingHeader(started: instant, meta: header))
    }
}
