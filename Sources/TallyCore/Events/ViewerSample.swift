/// The audience of an event at one moment, with quality-of-experience figures (percentages 0–100).
public struct ViewerSample: Codable, Sendable, Equatable {
    public var eventId: EventID
    public var concurrent: Int
    public var joinsPerMinute: Int?
    public var rebufferingPercent: Double?
    public var startFailuresPercent: Double?
    public var cdn: String?
    public var region: String?

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case concurrent
        case joinsPerMinute = "joins_per_minute"
        case rebufferingPercent = "rebuffering_percent"
        case startFailuresPercent = "start_failures_percent"
        case cdn
        case region
    }

    public init(
        eventId: EventID, concurrent: Int, joinsPerMinute: Int? = nil,
        rebufferingPercent: Double? = nil, startFailuresPercent: Double? = nil,
        cdn: String? = nil, region: String? = nil
    ) {
        self.eventId = eventId
        self.concurrent = concurrent
        self.joinsPerMinute = joinsPerMinute
        self.rebufferingPercent = rebufferingPercent
        self.startFailuresPercent = startFailuresPercent
        self.cdn = cdn
        self.region = region
    }
}
