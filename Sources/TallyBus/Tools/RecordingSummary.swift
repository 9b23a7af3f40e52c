import Foundation
import TallyCore

/// What `tally recording info` says of a recording: its span, what it holds, its size.
public struct RecordingSummary: Sendable, Equatable {
    public var start: Instant
    public var end: Instant
    public var envelopes: Int
    public var byType: [String: Int]
    public var events: Int
    public var feeds: Int
    /// Distinct dedup keys raised.
    public var alerts: Int
    public var operatorActions: Int
    public var problems: Int
    public var bytes: Int?
    public var startsFromState: Bool

    /// What the envelopes of a recording hold, counted as they are read.
    public struct Tally {
        var envelopes = 0, actions = 0
        var last: Instant?
        var types: [String: Int] = [:], events = Set<EventID>(), feeds = Set<FeedID>(), keys = Set<String>()

        public init() {}

        public mutating func note(_ envelope: Envelope) {
            envelopes += 1
            last = envelope.timestamp
            types[envelope.event.type, default: 0] += 1
            switch envelope.event {
            case .eventScheduled(let scheduled):
                events.insert(scheduled.eventId)
                feeds.formUnion(scheduled.feeds.map(\.feedId))
            case .alertRaised(let raised): keys.insert(raised.dedupKey)
            case let event where event.isOperatorAction: actions += 1
            default: break
            }
        }
    }

    /// The summary of a recording's `header` and the `tally` of its envelopes.
    public init(header: RecordingHeader, tally: Tally, problems: Int, bytes: Int?) {
        start = header.started
        end = tally.last.map { max($0, header.started) } ?? header.started
        envelopes = tally.envelopes
        var (events, feeds) = (tally.events, tally.feeds)
        if let state = header.state {
            events.formUnion(state.events.keys)
            feeds.formUnion(state.feeds.keys)
        }
        byType = tally.types
        self.events = events.count
        self.feeds = feeds.count
        alerts = tally.keys.count
        operatorActions = tally.actions
        self.problems = problems
        self.bytes = bytes
        startsFromState = header.state != nil
    }

    /// The summary of the recording at `path` (all its parts when it names a rotated one), read
    /// a chunk at a time: a recording of any size, never held whole.
    public static func of(path: String, reader: RecordingReader = RecordingReader()) throws(RecordingError) -> RecordingSummary {
        var tally = Tally(), header: RecordingHeader?, problems = 0, bytes = 0
        for file in RecordingSeries.files(of: path) {
            let scan = try reader.scan(path: file) { envelope, _ in tally.note(envelope) }
            header = header ?? scan.header
            problems += scan.issues.count + (scan.hasTruncatedTail ? 1 : 0)
            bytes += (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        }
        guard let header else { throw .unreadable(file: path, reason: String(cString: strerror(ENOENT))) }
        return RecordingSummary(header: header, tally: tally, problems: problems, bytes: bytes)
    }

    /// The summary as lines of text.
    public var lines: [String] {
        let seconds = Int(saturating: end.seconds(since: start))
        var out = [
            "span      \(start.rfc3339) → \(end.rfc3339) (\(seconds / 3600)h \(String(format: "%02d", seconds / 60 % 60))m \(String(format: "%02d", seconds % 60))s)"
                + (startsFromState ? ", from a saved state" : ""),
            "envelopes \(envelopes)" + (bytes.map { ", \(Self.size($0)) on disk" } ?? ""),
            "events    \(events)   feeds \(feeds)   alerts \(alerts)   operator actions \(operatorActions)",
        ]
        out += byType.keys.sorted().map { "  \($0.padding(toLength: 18, withPad: " ", startingAt: 0)) \(byType[$0]!)" }
        if problems > 0 { out.append("problems  \(problems) (tally recording verify lists them)") }
        return out
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? String(format: "%.2f GB", Double(bytes) / Double(1 << 30))
            : bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : String(format: "%.1f KB", Double(bytes) / 1024)
    }
}
