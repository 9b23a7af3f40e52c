/// A live event as the schedule announces it: what, where, when, and which feeds carry it.
public struct LiveEventScheduled: Codable, Sendable, Equatable {
    public var eventId: EventID
    public var title: String
    public var venue: String
    public var tier: Tier
    public var start: Instant
    public var end: Instant
    public var feeds: [FeedDescriptor]
    public var policy: String?

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case title
        case venue
        case tier
        case start
        case end
        case feeds
        case policy
    }

    public init(
        eventId: EventID, title: String, venue: String, tier: Tier,
        start: Instant, end: Instant, feeds: [FeedDescriptor], policy: String? = nil
    ) {
        self.eventId = eventId
        self.title = title
        self.venue = venue
        self.tier = tier
        self.start = start
        self.end = end
        self.feeds = feeds
        self.policy = policy
    }
}

/// One feed of a live event: its role and the path it travels (fibre, satellite, internet, SRT).
public struct FeedDescriptor: Codable, Sendable, Equatable {
    public var feedId: FeedID
    public var role: FeedRole
    public var path: String

    enum CodingKeys: String, CodingKey {
        case feedId = "feed_id"
        case role, path
    }

    public init(feedId: FeedID, role: FeedRole, path: String) {
        self.feedId = feedId
        self.role = role
        self.path = path
    }
}
