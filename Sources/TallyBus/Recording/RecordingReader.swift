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
    }

    /// Reads the recording at `path` a chunk at a time, handing each envelope and its line
    /// number to `each` in order: a recording of any size, never held whole. A line `wanted`
    /// refuses is passed over without being decoded (nor reported when it is bad); the last line
    /// passed over is in the scan.
    public func scan(path: String, wanted: ((ArraySlice<UInt8>) -> Bool)? = nil, each: (Envelope, Int) -> Void) throws(RecordingError) -> Scan {
        var parser = Parser(file: path, reader: self)
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
        var parser = Parser(file: path, reader: self)
        try feed(path, to: &parser, chunkSize: 1 << 16) { $0.header != nil }
        if let header = parser.header { return header }
        return try parser.finish().header
    }

    /// The header and the opening envelopes of the recording at `path`: those of the chunks read
    /// until one lies more than `seconds` past the start (or the file ends), in order.
    public func opening(path: String, seconds: Double) throws(RecordingError) -> (header: RecordingHeader, envelopes: [Envelope]) {
        var parser = Parser(file: path, reader: self)
        var envelopes: [Envelope] = []
        var isPast = false
        func take(_ parser: inout Parser, limit: Instant) {
            parser.drain { envelope, _ in
                envelopes.append(envelope)
                isPast = isPast || envelope.timestamp > limit
            }
        }
        try feed(path, to: &parser, chunkSize: 1 << 16) { parser in
            guard let header = parser.header else { return false }
            take(&parser, limit: header.started.adding(seconds: seconds))
            return isPast
        }
        if let header = parser.header, isPast { return (header, envelopes) }
        let header = try parser.finish().header
        take(&parser, limit: header.started.adding(seconds: seconds))
        return (header, envelopes)
    }

    /// Feeds the file at `path` to `parser` a chunk at a time until `isDone` says so after a
    /// chunk, the file ends, or the rest is corrupt.
    private func feed(_ path: String, to parser: inout Parser, chunkSize: Int, until isDone: (inout Parser) -> Bool) throws(RecordingError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        do {
            while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
                let goesOn = try parser.consume(chunk)
                if isDone(&parser) || !goesOn { break }
            }
        } catch let error as RecordingError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
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
        var parser = Parser(file: name, reader: self)
        try parser.consume(data)
        let scan = try parser.finish()
        return Recording(scan, envelopes: parser.envelopes)
    }

    fileprivate func decodeHeader(_ line: ArraySlice<UInt8>, file: String) throws(RecordingError) -> RecordingHeader {
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

    fileprivate enum DecodedLine {
        case envelope(Envelope)
        case problem(String)
    }

    fileprivate func decodeEnvelope(_ line: ArraySlice<UInt8>) -> DecodedLine {
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

private struct Parser {
    let file: String
    let reader: RecordingReader
    var splitter: LineFramer
    var header: RecordingHeader?
    var envelopes: [Envelope] = []
    var lineNumbers: [Int] = []
    var issues: [RecordingIssue] = []
    var sawAnyByte = false
    var endsWithNewline = true
    /// Which lines to decode (all when nil), and the last one passed over since the last decoded.
    var wanted: ((ArraySlice<UInt8>) -> Bool)?
    var passedOver: ArraySlice<UInt8>?

    /// Set on the first chunk when the file is gzip-compressed.
    var inflater: GzipInflater?
    var sawFirstChunk = false

    init(file: String, reader: RecordingReader) {
        self.file = file
        self.reader = reader
        self.splitter = LineFramer(cap: reader.maximumLineLength)
    }

    /// Takes the next chunk of the file as stored; returns false when the rest must be skipped
    /// (corrupt compressed data, reported as an issue).
    @discardableResult
    mutating func consume(_ chunk: Data) throws(RecordingError) -> Bool {
        if !sawFirstChunk {
            sawFirstChunk = true
            if GzipInflater.isGzip(chunk) {
                do { inflater = try GzipInflater() } catch { throw .unreadable(file: file, reason: "cannot start gzip decompression") }
            }
        }
        guard let inflater else {
            try feed(chunk)
            return true
        }
        let inflated = inflater.inflate(chunk)
        try feed(inflated.bytes)
        guard !inflated.isCorrupt else {
            issues.append(RecordingIssue(file: file, line: splitter.lineNumber + 1,
                                         reason: "corrupt compressed data; the rest of the file is skipped"))
            return false
        }
        return true
    }

    private mutating func feed(_ data: Data) throws(RecordingError) {
        guard let last = data.last else { return }
        sawAnyByte = true
        endsWithNewline = last == 0x0A
        // The splitter is taken out of self while it calls back into self.
        var splitter = self.splitter
        defer { self.splitter = splitter }
        do {
            try data.withUnsafeBytes { raw in
                try splitter.feed(raw.bindMemory(to: UInt8.self)) { line in try take(line, isLast: false) }
            }
        } catch let error as RecordingError {
            throw error
        } catch {
            throw .unreadable(file: file, reason: "\(error)")
        }
    }

    /// Hands the envelopes read so far to `each`, and forgets them.
    mutating func drain(into each: (Envelope, Int) -> Void) {
        for (envelope, line) in zip(envelopes, lineNumbers) { each(envelope, line) }
        envelopes.removeAll(keepingCapacity: true)
        lineNumbers.removeAll(keepingCapacity: true)
    }

    mutating func finish() throws(RecordingError) -> RecordingReader.Scan {
        var truncated = false
        if let last = splitter.finish() {
            truncated = try take(last, isLast: true)
        }
        guard sawAnyByte else { throw .empty(file: file) }
        guard let header else { throw .notARecording(file: file, reason: "no header line") }
        return RecordingReader.Scan(header: header, issues: issues, hasTruncatedTail: truncated, lastLinePassedOver: passedOver)
    }

    /// Takes one line; returns true when it was an unterminated last line that was dropped.
    @discardableResult
    mutating func take(_ line: LineFramer.Line, isLast: Bool) throws(RecordingError) -> Bool {
        switch line {
        case .oversized(let number):
            if header == nil { throw .notARecording(file: file, reason: "line 1 is longer than \(reader.maximumLineLength) bytes") }
            issues.append(RecordingIssue(file: file, line: number, reason: "line longer than \(reader.maximumLineLength) bytes"))
        case .line(let bytes, let number):
            if header == nil {
                header = try reader.decodeHeader(bytes, file: file)
                return false
            }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return false }
            if let wanted, !wanted(bytes) {
                passedOver = bytes
                return false
            }
            switch reader.decodeEnvelope(bytes) {
            case .envelope(let envelope):
                passedOver = nil
                envelopes.append(envelope)
                lineNumbers.append(number)
            case .problem(let reason):
                if isLast && !endsWithNewline { return true }
                issues.append(RecordingIssue(file: file, line: number, reason: reason))
            }
        }
        return false
    }
}
