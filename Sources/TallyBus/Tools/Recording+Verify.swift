import Foundation
import TallyCore

/// Checks a recording envelope by envelope as it is read, so that a recording of any size is
/// checked without being held: seq always increasing, time never running backwards, nothing
/// before the header's start; with the lines that did not parse and a last line cut short.
public struct RecordingVerifier {
    public let file: String
    private var previous: Envelope?
    private var first: (timestamp: Instant, line: Int)?
    private var lastLine = 1
    private var found: [RecordingIssue] = []
    /// Envelopes checked.
    public private(set) var envelopes = 0

    public init(file: String) { self.file = file }

    public mutating func check(_ envelope: Envelope, line: Int) {
        if let previous {
            if envelope.seq <= previous.seq {
                found.append(RecordingIssue(file: file, line: line, reason: "seq \(envelope.seq) after \(previous.seq): not increasing"))
            }
            if envelope.timestamp < previous.timestamp {
                found.append(RecordingIssue(file: file, line: line,
                                            reason: "time runs backwards: \(envelope.timestamp.rfc3339) after \(previous.timestamp.rfc3339)"))
            }
        } else {
            first = (envelope.timestamp, line)
        }
        previous = envelope
        lastLine = line
        envelopes += 1
    }

    /// Every problem, by line: those found, the lines that did not parse (`issues`), an envelope
    /// before the header's `start`, and a last line cut short.
    public func problems(start: Instant, issues: [RecordingIssue], hasTruncatedTail: Bool) -> [RecordingIssue] {
        var all = issues + found
        if let first, first.timestamp < start {
            all.append(RecordingIssue(file: file, line: first.line, reason: "before the header's start \(start.rfc3339)"))
        }
        if hasTruncatedTail {
            all.append(RecordingIssue(file: file, line: lastLine + 1, reason: "last line cut short (ignored on replay)"))
        }
        return all.sorted { $0.line < $1.line }
    }

    /// The problems of the recording at `path`, read a chunk at a time, and its envelopes.
    public static func check(file path: String, reader: RecordingReader = RecordingReader()) throws(RecordingError)
        -> (problems: [RecordingIssue], envelopes: Int) {
        var verifier = RecordingVerifier(file: path)
        let scan = try reader.scan(path: path) { envelope, line in verifier.check(envelope, line: line) }
        return (verifier.problems(start: scan.header.started, issues: scan.issues, hasTruncatedTail: scan.hasTruncatedTail), verifier.envelopes)
    }
}
