import Foundation
import TallyCore

/// Turns a recording's bytes as stored (plain or gzip-compressed), a chunk at a time, into its
/// header, its envelopes with their line numbers and the lines that did not parse.
struct RecordingParser {
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
            // A last line cut short is decoded, not passed over: it is dropped if it does not
            // parse, and the line before it stays the last one passed over.
            if let wanted, !(isLast && !endsWithNewline), !wanted(bytes) {
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
