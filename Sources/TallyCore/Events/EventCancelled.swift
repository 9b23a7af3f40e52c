/// An event taken off the schedule (a reloaded schedule no longer lists it).
public struct EventCancelled: Codable, Sendable, Equatable {
    public var eventId: EventID

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
    }

    public init(eventId: EventID) {
        self.eventId = eventId
    }
}
