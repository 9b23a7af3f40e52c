import TallyCore

/// A recording read as its envelopes are taken, plain or gzip-compressed: a small chunk at a
/// time, so that no more than a chunk's envelopes are ever held. Lines that do not parse are
/// skipped, as on replay; a read error or corrupt compressed data ends it there.
struct RecordingStream {
    let header: RecordingHeader
    private let file: RecordingFile
    private var parser: RecordingParser
    /// Envelopes read and not yet taken, from `cursor` on.
    private var ready: [Envelope] = []
    private var cursor = 0
    private var hasEnded = false

    /// The bytes read at a time: 16 KB of a compressed night inflate to some 160 KB, a few
    /// hundred envelopes.
    static let chunkSize = 1 << 14

    /// Opens the recording at `path` and reads as far as its header, `chunkSize` bytes at a time.
    init(path: String, chunkSize: Int = chunkSize) throws(RecordingError) {
        file = try RecordingFile(path: path, chunkSize: chunkSize)
        parser = RecordingParser(file: path, reader: RecordingReader())
        while parser.header == nil {
            guard try file.feedNext(to: &parser) else {
                hasEnded = true
                header = try parser.finish().header
                return
            }
        }
        header = parser.header!
    }

    /// The next envelope; nil at the end.
    mutating func next() -> Envelope? {
        while cursor == ready.count {
            ready.removeAll(keepingCapacity: true)
            cursor = 0
            parser.drain { envelope, _ in ready.append(envelope) }
            if !ready.isEmpty { break }
            guard !hasEnded else { return nil }
            // A read that fails ends the stream, as a replay ends at a broken file.
            if (try? file.feedNext(to: &parser)) != true {
                hasEnded = true
                _ = try? parser.finish()
            }
        }
        defer { cursor += 1 }
        return ready[cursor]
    }
}
