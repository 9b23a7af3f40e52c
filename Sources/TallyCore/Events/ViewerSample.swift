/// The audience of an event at one moment, with quality-of-experience figures (percentages 0–100).
public struct ViewerSample: Codable, Sendable, Equatable {
    public var eventId: EventID
    public var concurrent: Int
    public var joinsPerMinute: Int?
    public var rebufferingPercent: Double?
    public var startFailuresPercent: Double?
    public var cdn: String?
    public var region: String?
    /// The audience broken down where the source can (`["cdn": ["akamai": 1_200_000]]`): by a
    /// label, the viewers for each of its values.
    public var shares: [String: [String: Int]]?

    /// The most labels a sample breaks its audience down by, and values a label.
    public static let shareLabelsCap = 4, shareValuesCap = 64

    enum CodingKeys: String, CodingKey, CaseIterable {
        case eventId = "event_id"
        case concurrent
        case joinsPerMinute = "joins_per_minute"
        case rebufferingPercent = "rebuffering_percent"
        case startFailuresPercent = "start_failures_percent"
        case cdn
        case region
        case shares
    }

    public init(
        eventId: EventID, concurrent: Int, joinsPerMinute: Int? = nil,
        rebufferingPercent: Double? = nil, startFailuresPercent: Double? = nil,
        cdn: String? = nil, region: String? = nil, shares: [String: [String: Int]]? = nil
    ) {
        self.eventId = eventId
        self.concurrent = concurrent
        self.joinsPerMinute = joinsPerMinute
        self.rebufferingPercent = rebufferingPercent
        self.startFailuresPercent = startFailuresPercent
        self.cdn = cdn
        self.region = region
        self.shares = shares
    }

    /// The viewers of the part whose `labels` name it (`cdn=akamai`), where the audience is broken down by one of them.
    public func share(for labels: [String: String]) -> Int? {
        guard let shares else { return nil }
        return labels.keys.sorted().lazy.compactMap { label in labels[label].flatMap { shares[label]?[$0] } }.first
    }
}
