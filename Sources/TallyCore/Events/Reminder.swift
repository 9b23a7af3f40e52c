/// The scheduler's nudge ahead of a rundown step: "go/no-go in 5 min, 2 checklist items open".
public struct Reminder: Codable, Sendable, Equatable {
    public var eventId: EventID
    /// The step coming up, and when it begins.
    public var step: String
    public var at: Instant
    public var text: String

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case step, at, text
    }

    public init(eventId: EventID, step: String, at: Instant, text: String) {
        self.eventId = eventId
        self.step = step
        self.at = at
        self.text = text
    }
}
