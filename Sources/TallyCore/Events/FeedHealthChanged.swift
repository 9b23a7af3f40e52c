/// A monitor's verdict on a feed changed, with the human reasons for it.
public struct FeedHealthChanged: Codable, Sendable, Equatable {
    public var feedId: FeedID
    public var status: FeedStatus
    public var reasons: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case feedId = "feed_id"
        case status
        case reasons
    }

    public init(feedId: FeedID, status: FeedStatus, reasons: [String] = []) {
        self.feedId = feedId
        self.status = status
        self.reasons = reasons
    }
}
