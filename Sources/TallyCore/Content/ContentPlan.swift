/// How often each feed's content is checked within a budget, spent where the audience is: the
/// on-air primaries first, the events with the most viewers first, each at its own interval,
/// out of all but `roundRobinShare` of the budget; then every other feed (and a primary that did
/// not fit) shares what is left equally (round-robin), so that none is forgotten, and none is
/// checked more often than it asked. Pure: the same candidates and budget give the same plan.
public enum ContentPlan {
    /// A feed that wants its content checked.
    public struct Candidate: Sendable, Equatable {
        public var feedId: FeedID
        /// A primary of an event on air now.
        public var isOnAirPrimary: Bool
        /// Its event's concurrent viewers now.
        public var viewers: Int
        /// How often it asks to be checked (`content: {every:}`).
        public var everySeconds: Double

        public init(feedId: FeedID, isOnAirPrimary: Bool, viewers: Int, everySeconds: Double) {
            self.feedId = feedId
            self.isOnAirPrimary = isOnAirPrimary
            self.viewers = viewers
            self.everySeconds = everySeconds
        }
    }

    /// The share of the budget the on-air primaries leave to the others.
    public static let roundRobinShare = 0.1

    /// Seconds between two checks of each candidate, when `checksPerSecond` is all the budget
    /// pays for.
    public static func intervals(_ candidates: [Candidate], checksPerSecond: Double) -> [FeedID: Double] {
        guard checksPerSecond.isFinite, checksPerSecond > 0 else { return [:] }
        let first = candidates.filter(\.isOnAirPrimary).sorted { ($1.viewers, $0.feedId) < ($0.viewers, $1.feedId) }
        var left = checksPerSecond * (1 - roundRobinShare)
        var plan: [FeedID: Double] = [:]
        var rest = candidates.filter { !$0.isOnAirPrimary }
        for candidate in first {
            let wanted = 1 / max(candidate.everySeconds, 1)
            guard wanted <= left + 1e-9 else {
                rest.append(candidate)
                continue
            }
            plan[candidate.feedId] = max(candidate.everySeconds, 1)
            left -= wanted
        }
        guard !rest.isEmpty else { return plan }
        let share = max(left + checksPerSecond * roundRobinShare, 0) / Double(rest.count)
        for candidate in rest {
            // At least one check a day, whatever the share.
            plan[candidate.feedId] = share > 0 ? min(max(1 / share, candidate.everySeconds, 1), 86_400) : 86_400
        }
        return plan
    }

    /// The candidates of a console state: every feed of an event on now (or about to be), with
    /// whether it is an on-air primary and its event's viewers, asking for `everySeconds`.
    public static func candidates(_ state: ConsoleState, everySeconds: [FeedID: Double]) -> [Candidate] {
        everySeconds.compactMap { feedId, every in
            guard let feed = state.feeds[feedId] else { return Candidate(feedId: feedId, isOnAirPrimary: false, viewers: 0, everySeconds: every) }
            let event = state.events[feed.eventId]
            return Candidate(feedId: feedId, isOnAirPrimary: feed.descriptor.role == .primary && event?.phase == .live,
                             viewers: event?.viewers?.concurrent ?? 0, everySeconds: every)
        }
    }
}
