/// An operator ticked (or took back the tick of) an item of an event's checklist.
public struct ChecklistTick: Codable, Sendable, Equatable {
    public var eventId: EventID
    /// The rundown step the item belongs to (`feed lock`).
    public var step: String
    public var item: String
    public var actor: String
    /// How it came: `key:console-…`, with `ssh:…` when remote.
    public var channel: String
    /// False when the tick is taken back.
    public var ticked: Bool

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case step = "phase"
        case item, actor, channel, ticked
    }

    public init(eventId: EventID, step: String, item: String, actor: String, channel: String, ticked: Bool = true) {
        self.eventId = eventId
        self.step = step
        self.item = item
        self.actor = actor
        self.channel = channel
        self.ticked = ticked
    }

    /// The item ticked.
    public var itemID: ChecklistItemID { ChecklistItemID(step: step, item: item) }
}

/// One checklist item of an event: its step and its text.
public struct ChecklistItemID: Hashable, Sendable, Codable {
    public var step: String
    public var item: String

    public init(step: String, item: String) {
        self.step = step
        self.item = item
    }
}

/// Who ticked a checklist item, and when.
public struct ChecklistMark: Sendable, Equatable, Codable {
    public var actor: String
    public var at: Instant

    public init(actor: String, at: Instant) {
        self.actor = actor
        self.at = at
    }
}
