import TallyCore

/// A recording read into memory: its header, the envelopes that parsed, and what did not.
public struct Recording: Sendable {
    public var header: RecordingHeader
    public var envelopes: [Envelope]
    /// Lines that were skipped, with the reason, in file order.
    public var issues: [RecordingIssue]
    /// Whether the last line was cut short (as when a recorder was killed mid-write) and ignored.
    public var hasTruncatedTail: Bool

    /// The recording a scan read, with the envelopes it handed out.
    init(_ scan: RecordingReader.Scan, envelopes: [Envelope]) {
        self.init(header: scan.header, envelopes: envelopes, issues: scan.issues, hasTruncatedTail: scan.hasTruncatedTail)
    }

    public init(header: RecordingHeader, envelopes: [Envelope], issues: [RecordingIssue] = [], hasTruncatedTail: Bool = false) {
        self.header = header
        self.envelopes = envelopes
        self.issues = issues
        self.hasTruncatedTail = hasTruncatedTail
    }

    /// The first moment of the recording: its header's start time.
    public var start: Instant { header.started }
    /// The time of the last envelope, or the start when there is none.
    public var end: Instant { envelopes.last.map { max($0.timestamp, start) } ?? start }
}

/// One line of a recording that could not be used.
public struct RecordingIssue: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public var description: String { "\(file):\(line): \(reason)" }
}

/// A recording that cannot be used at all.
public enum RecordingError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    case notARecording(file: String, reason: String)
    case unsupportedVersion(file: String, version: Int)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .empty(let file): "\(file): empty file, not a Tally recording"
        case .notARecording(let file, let reason): "\(file):1: not a Tally recording: \(reason)"
        case .unsupportedVersion(let file, let version):
            "\(file):1: recording version \(version) is newer than this Tally reads (\(RecordingHeader.currentVersion))"
        }
    }
}
