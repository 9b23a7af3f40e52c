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

    public init(_ recording: Recording, bytes: Int?) {
        start = recording.start
        end = recording.end
        envelopes = recording.envelopes.count
        var types: [String: Int] = [:], events = Set<EventID>(), feeds = Set<FeedID>(), keys = Set<String>(), actions = 0
        for envelope in recording.envelopes {
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
        if let state = recording.header.state {
            events.formUnion(state.events.keys)
            feeds.formUnion(state.feeds.keys)
        }
        byType = types
        self.events = events.count
        self.feeds = feeds.count
        alerts = keys.count
        operatorActions = actions
        problems = recording.issues.count + (recording.hasTruncatedTail ? 1 : 0)
        self.bytes = bytes
        startsFromState = recording.header.state != nil
    }

    /// The summary as lines of text.
    public var lines: [String] {
        let seconds = Int(end.seconds(since: start))
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
