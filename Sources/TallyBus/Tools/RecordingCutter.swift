import Foundation
import TallyCore

/// `Recording.cut` for a recording on disk, never holding it whole: the stretch is written to the
/// new file as it is read. With the recording's index, the state before the stretch is one seek
/// and only the stretch is read; without (gzip, parts, a short file), every envelope before it is
/// read and applied on the way.
public enum RecordingCutter {
    /// Cuts `start...end` (to the recording's end when `end` is nil) out of the recording at
    /// `source` (all its parts when it names a rotated one) into `out`; returns the envelopes written.
    public static func cut(_ source: String, index: RecordingIndex? = nil, from start: Instant, to end: Instant?, out: String) throws -> Int {
        let reader = RecordingReader()
        let files = RecordingSeries.files(of: source)
        let header = try reader.header(path: files[0])
        if let index { return try cut(index, header: header, from: start, to: end, out: out) }
        var state = header.state ?? ConsoleState()
        var writer: RecordingWriter?, failure: (any Error)?, written = 0
        for file in files {
            _ = try reader.scan(path: file) { envelope, _ in
                guard failure == nil, end.map({ envelope.timestamp <= $0 }) ?? true else { return }
                if envelope.timestamp < start {
                    state.apply(envelope)
                    return
                }
                do {
                    if writer == nil { writer = try RecordingWriter(path: out, header: header.cut(from: start, to: end, state: state)) }
                    try writer?.append(envelope)
                    written += 1
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
        try (writer ?? RecordingWriter(path: out, header: header.cut(from: start, to: end, state: state))).close()
        return written
    }

    private static func cut(_ index: RecordingIndex, header: RecordingHeader, from start: Instant, to end: Instant?, out: String) throws -> Int {
        // The state after every envelope before `start` (times are whole milliseconds).
        let (state, position) = try index.seek(to: start.adding(seconds: -0.001))
        let writer = try RecordingWriter(path: out, header: header.cut(from: start, to: end, state: state))
        var stream = try LineStream(path: index.source, from: position.offset, lineNumber: position.line)
        defer { stream.close() }
        let decoder = EnvelopeDecoder()
        var written = 0
        while let line = try stream.next() {
            // Lines that do not parse are left out, as on replay (verify names them).
            guard let envelope = try? decoder.decode(line.line) else { continue }
            if let end, envelope.timestamp > end { break }
            try writer.append(envelope)
            written += 1
        }
        try writer.close()
        return written
    }
}

extension RecordingHeader {
    /// The header of the stretch `start...end` (to the end when nil) cut from a recording with
    /// this header, starting from `state`.
    func cut(from start: Instant, to end: Instant?, state: ConsoleState) -> RecordingHeader {
        var meta = self.meta
        meta["cut"] = "\(start.rfc3339)/\(end?.rfc3339 ?? "end")"
        return RecordingHeader(started: max(start, started), meta: meta, state: state)
    }
}
