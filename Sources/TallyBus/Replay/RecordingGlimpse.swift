import Foundation
import TallyCore

/// A recording read for one moment, as `tally snapshot` needs it: the state there, the strip's
/// marks and the recording's end, without decoding the whole file. Envelopes up to the moment
/// are decoded and applied; after it only the lines that may mark the strip (alerts, phase
/// changes) are decoded, and the last line for the end. A glimpse of the built-in night at its
/// first second decodes a few thousand of its 40,000 lines.
public struct RecordingGlimpse: Sendable {
    public var start: Instant
    public var end: Instant
    /// The console state after every envelope up to and including the moment.
    public var state: ConsoleState
    public var marks: [TimelineMarks.Mark]
    /// Lines that did not parse, among those decoded.
    public var issues: [RecordingIssue]

    /// Reads the recording at `path` for the moment `moment` names once the recording's start is known.
    public init(path: String, reader: RecordingReader = RecordingReader(), moment: (Instant) throws -> Instant) throws {
        let header = try reader.header(path: path)
        let instant = try moment(header.started)
        let past = PastTheMoment()
        var state = header.state ?? ConsoleState()
        var marks = TimelineMarks()
        var last = header.started
        let scan = try reader.scan(path: path, wanted: { past.isPast ? Self.mayMark($0) : true }) { envelope, _ in
            if envelope.timestamp > instant { past.isPast = true }
            if !past.isPast { state.apply(envelope) }
            marks.note(envelope)
            last = max(last, envelope.timestamp)
        }
        last = max(last, scan.lastMomentPassedOver ?? last)
        self.start = header.started
        self.end = last
        self.state = state
        self.marks = marks.marks
        self.issues = scan.issues
    }

    /// Whether a line may carry an envelope that marks the strip: it names an alert or a phase,
    /// or it has an escape that could hide either. A line that does not may be passed over.
    static func mayMark(_ line: ArraySlice<UInt8>) -> Bool {
        line.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0x5C, bytes.count) != nil || Self.contains(bytes, "alert") || Self.contains(bytes, "phase")
        }
    }

    /// Whether `word` is in `bytes`: each of its first letter's places found with memchr, then compared.
    private static func contains(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard var from = bytes.baseAddress else { return false }
        let end = from + bytes.count, length = word.utf8CodeUnitCount
        while end - from >= length, let found = memchr(from, Int32(word.utf8Start.pointee), end - from) {
            let found = UnsafeRawPointer(found)
            guard end - found >= length else { return false }
            if memcmp(found, word.utf8Start, length) == 0 { return true }
            from = found + 1
        }
        return false
    }

    /// Whether the scan has passed the moment: shared by the scan's filter and its consumer.
    private final class PastTheMoment {
        var isPast = false
    }
}
