import Foundation
import TallyCore

/// Reads JSON Lines recordings, plain or gzip-compressed: a header line, then one envelope per line.
///
/// A malformed line is reported as `file:line: reason` and skipped; a last line cut short
/// (a recorder killed mid-write) is tolerated. Only a file that is unreadable, empty or has no
/// valid header is an error.
public struct RecordingReader {
    /// Lines longer than this are reported and skipped rather than buffered (a cut recording's
    /// header holds a whole console state).
    public var maximumLineLength = 32 << 20
    private let decoder = EnvelopeDecoder()

    public init() {}

    /// What a scan of a recording found besides its envelopes.
    public struct Scan: Sendable {
        public var header: RecordingHeader
        /// Lines that did not parse, by number.
        public var issues: [RecordingIssue]
        /// Whether the last line was cut short (and left out).
        public var hasTruncatedTail: Bool
        /// The last line a scan's `wanted` passed over, when it was the recording's last.
        public var lastLinePassedOver: ArraySlice<UInt8>?

        /// The time of the last line passed over, when it was the recording's last and parses.
        public var lastMomentPassedOver: Instant? {
            lastLinePassedOver.flatMap { try? EnvelopeDecoder().decode($0) }?.timestamp
        }
    }

    /// Reads the recording at `path` a chunk at a time, handing each envelope and its line
    /// number to `each` in order: a recording of any size, never held whole. A line `wanted`
    /// refuses is passed over without being decoded (nor reported when it is bad); the last line
    /// passed over is in the scan.
    public func scan(path: String, wanted: ((ArraySlice<UInt8>) -> Bool)? = nil, each: (Envelope, Int) -> Void) throws(RecordingError) -> Scan {
        var parser = RecordingParser(file: path, reader: self)
        parser.wanted = wanted
        // Small chunks: a compressed one inflates tenfold, and its envelopes wait in the parser until drained.
        try feed(path, to: &parser, chunkSize: 1 << 16) { parser in
            parser.drain(into: each)
            return false
        }
        let scan = try parser.finish()
        parser.drain(into: each)
        return scan
    }

    /// The header of the recording at `path`, reading no further than its first line.
    public func header(path: String) throws(RecordingError) -> RecordingHeader {
        var parser = RecordingParser(file: path, reader: self)
        try feed(path, to: &parser, chunkSize: 1 << 16) { $0.header != nil }
        if let header = parser.header { return header }
        return try parser.finish().header
    }

    /// Feeds the file at `path` to `parser` a chunk at a time until `isDone` says so after a
    /// chunk, the file ends, or the rest is corrupt.
    private func feed(_ path: String, to parser: inout RecordingParser, chunkSize: Int, until isDone: (inout RecordingParser) -> Bool) throws(RecordingError) {
        let file = try RecordingFile(path: path, chunkSize: chunkSize)
        defer { file.close() }
        while try file.feedNext(to: &parser), !isDone(&parser) {}
    }

    /// Reads the recording at `path`. Its lines are counted first (cut, not decoded), so that
    /// its envelopes are held in an array of their number: one grown by doubling ends up to
    /// twice that, and held it beside half of it as it last grew.
    public func read(path: String) throws(RecordingError) -> Recording {
        var lines = 0
        _ = try scan(path: path, wanted: { _ in
            lines += 1
            return false
        }, each: { _, _ in })
        var envelopes: [Envelope] = []
        envelopes.reserveCapacity(lines)
        let scan = try scan(path: path) { envelope, _ in envelopes.append(envelope) }
        return Recording(scan, envelopes: envelopes)
    }

    /// Reads a recording held in memory; `name` stands for the file in messages.
    public func read(data: Data, name: String) throws(RecordingError) -> Recording {
        var parser = RecordingParser(file: name, reader: self)
        try parser.consume(data)
        let scan = try parser.finish()
        return Recording(scan, envelopes: parser.envelopes)
    }

    func decodeHeader(_ line: ArraySlice<UInt8>, file: String) throws(RecordingError) -> RecordingHeader {
        let header: RecordingHeader
        do {
            header = try decoder.json.decode(RecordingHeader.self, from: Data(line))
        } catch {
            throw .notARecording(file: file, reason: "line 1 is not a recording header (\(Self.explain(error)))")
        }
        guard header.tally == "recording" else {
            throw .notARecording(file: file, reason: "header says \"tally\":\"\(header.tally)\"")
        }
        guard header.version <= RecordingHeader.currentVersion else {
            throw .unsupportedVersion(file: file, version: header.version)
        }
        return header
    }

    enum DecodedLine {
        case envelope(Envelope)
        case problem(String)
    }

    func decodeEnvelope(_ line: ArraySlice<UInt8>) -> DecodedLine {
        do {
            return .envelope(try decoder.decode(line))
        } catch {
            return .problem(Self.explain(error))
        }
    }

    /// A one-line reason for a decoding failure, naming the key at fault.
    static func explain(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let unknown as Envelope.UnknownType: return unknown.description
        case DecodingError.keyNotFound(let key, let context):
            let prefix = path(context.codingPath)
            return "missing key \"\(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \"\(path(context.codingPath))\""
        case DecodingError.dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "bad value at \"\(path(context.codingPath))\": \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
