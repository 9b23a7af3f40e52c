/// A console state taken apart into its per-event and per-feed collections and the rest, and
/// put back together: what lets an index save and read a state piece by piece, decoding only
/// the pieces it has not seen before.
extension ConsoleState {
    /// The collections keyed by event or feed, which make up most of a busy day's state.
    public struct KeyedPieces: Sendable, Equatable {
        public var events: [EventID: EventState] = [:]
        public var feeds: [FeedID: FeedState] = [:]
        public var checklists: [EventID: [ChecklistItemID: ChecklistMark]] = [:]
        public var reminders: [EventID: Reminder] = [:]

        public init() {}
    }

    /// This state's per-event and per-feed collections.
    public var keyedPieces: KeyedPieces {
        var pieces = KeyedPieces()
        pieces.events = events
        pieces.feeds = feeds
        pieces.checklists = checklists
        pieces.reminders = reminders
        return pieces
    }

    /// This state without its per-event and per-feed collections.
    public var withoutKeyedPieces: ConsoleState {
        var rest = self
        rest.replaceKeyedPieces(with: KeyedPieces())
        return rest
    }

    /// Puts back collections taken out with `withoutKeyedPieces`.
    public mutating func replaceKeyedPieces(with pieces: KeyedPieces) {
        events = pieces.events
        feeds = pieces.feeds
        checklists = pieces.checklists
        reminders = pieces.reminders
    }
}
