import TallyCore

/// One event's audience as a source reports it, judged after each poll: pure, times passed in.
/// A failing source is stale (since its last good reading), never zero; a fall of more than
/// `dropFraction` within a minute is the classic sign of a broken stream.
public struct ViewerWatch: Sendable, Equatable {
    public let eventId: EventID
    public var dropFraction: Double
    /// Good readings of the last minute, oldest first.
    public private(set) var recent: [(at: Instant, viewers: Int)] = []
    public private(set) var staleSince: Instant?
    public private(set) var lastFailure: String?

    public init(eventId: EventID, dropFraction: Double) {
        self.eventId = eventId
        self.dropFraction = dropFraction
    }

    public static func == (lhs: ViewerWatch, rhs: ViewerWatch) -> Bool {
        lhs.eventId == rhs.eventId && lhs.staleSince == rhs.staleSince && lhs.lastFailure == rhs.lastFailure
            && lhs.recent.map(\.viewers) == rhs.recent.map(\.viewers) && lhs.recent.map(\.at) == rhs.recent.map(\.at)
    }

    public mutating func record(viewers: Int, at instant: Instant) {
        staleSince = nil
        lastFailure = nil
        recent.append((instant, viewers))
        recent.removeAll { instant.seconds(since: $0.at) > 60 }
    }

    public mutating func recordFailure(_ reason: String, at instant: Instant) {
        lastFailure = reason
        if staleSince == nil { staleSince = recent.last?.at ?? instant }
    }

    /// The fall within the last minute, when it is more than `dropFraction`: (from, to, fraction).
    public var drop: (from: Int, to: Int, fraction: Double)? {
        guard let latest = recent.last?.viewers, let peak = recent.map(\.viewers).max(), peak > 0 else { return nil }
        let fraction = 1 - Double(latest) / Double(peak)
        return fraction > dropFraction ? (peak, latest, fraction) : nil
    }
}
