/// An event moved to a new phase, or to a new step of its rundown; optionally says which
/// comes next and when.
public struct PhaseChanged: Codable, Sendable, Equatable {
    public var eventId: EventID
    public var phase: Phase
    public var next: Phase?
    public var nextAt: Instant?
    /// The rundown step begun (`feed lock`), and the one that follows.
    public var step: String?
    public var nextStep: String?

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case phase
        case next
        case nextAt = "next_at"
        case step
        case nextStep = "next_step"
    }

    public init(eventId: EventID, phase: Phase, next: Phase? = nil, nextAt: Instant? = nil, step: String? = nil, nextStep: String? = nil) {
        self.eventId = eventId
        self.phase = phase
        self.next = next
        self.nextAt = nextAt
        self.step = step
        self.nextStep = nextStep
    }
}
