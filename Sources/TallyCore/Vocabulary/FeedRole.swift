/// What a feed is for in an event's signal plan.
public enum FeedRole: String, Codable, Sendable, CaseIterable {
    case primary, backup, contribution
}
