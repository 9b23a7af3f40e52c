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
    /// The rundown's steps with their checklists; nil for the standard day (`PhasePlan`).
    public var phases: [RundownStep]?

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case title
        case venue
        case tier
        case start
        case end
        case feeds
        case policy
        case phases
    }

    public init(
        eventId: EventID, title: String, venue: String, tier: Tier,
        start: Instant, end: Instant, feeds: [FeedDescriptor], policy: String? = nil, phases: [RundownStep]? = nil
    ) {
        self.eventId = eventId
        self.title = title
        self.venue = venue
        self.tier = tier
        self.start = start
        self.end = end
        self.feeds = feeds
        self.policy = policy
        self.phases = phases
    }
}

/// One feed of a live event: its role, the path it travels (fibre, satellite, internet, SRT),
/// the hop of the signal chain it is watched at, and the team that owns it.
public struct FeedDescriptor: Codable, Sendable, Equatable {
    public var feedId: FeedID
    public var role: FeedRole
    public var path: String
    /// Where in the chain the feed is watched; nil (as in older recordings) for the venue's
    /// contribution.
    public var hop: SignalHop?
    /// The team to hand a failure of this feed to.
    public var team: String?

    enum CodingKeys: String, CodingKey {
        case feedId = "feed_id"
        case role, path, hop, team
    }

    public init(feedId: FeedID, role: FeedRole, path: String, hop: SignalHop? = nil, team: String? = nil) {
        self.feedId = feedId
        self.role = role
        self.path = path
        self.hop = hop
        self.team = team
    }

    /// The hop, contribution when none was given.
    public var stage: SignalHop { hop ?? .contribution }
}
