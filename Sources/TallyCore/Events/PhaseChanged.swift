/// An event moved to a new phase; optionally says which phase comes next and when.
public struct PhaseChanged: Codable, Sendable, Equatable {
    public var eventId: EventID
    public var phase: Phase
    public var next: Phase?
    public var nextAt: Instant?

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case phase
        case next
        case nextAt = "next_at"
    }

    public init(eventId: EventID, phase: Phase, next: Phase? = nil, nextAt: Instant? = nil) {
        self.eventId = eventId
        self.phase = phase
        self.next = next
        self.nextAt = nextAt
    }
}
