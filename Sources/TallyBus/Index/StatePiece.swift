import Foundation
import TallyCore

/// One line of a state written by `StatePieceWriter`, decoded: an event, feed, checklist or
/// reminder with its key.
enum StatePiece: Sendable {
    case event(EventID, EventState)
    case feed(FeedID, FeedState)
    case checklist(EventID, [ChecklistItemID: ChecklistMark])
    case reminder(EventID, Reminder)

    /// The first byte of a piece's line.
    enum Tag: UInt8 {
        case event = 0x65, feed = 0x66, checklist = 0x63, reminder = 0x72 // e f c r
    }

    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A

    struct Malformed: Error, CustomStringConvertible {
        var description: String { "a saved state has a malformed piece; delete the index" }
    }

    /// Decodes a piece's line (without its newline).
    init(line: ArraySlice<UInt8>, decoder: JSONDecoder) throws {
        guard line.count > 2, let tag = Tag(rawValue: line[line.startIndex]), line[line.startIndex + 1] == Self.tab,
              let split = line[(line.startIndex + 2)...].firstIndex(of: Self.tab) else { throw Malformed() }
        let key = try decoder.decode(String.self, from: Data(line[(line.startIndex + 2)..<split]))
        let value = Data(line[(split + 1)...])
        switch tag {
        case .event: self = .event(key, try decoder.decode(EventState.self, from: value))
        case .feed: self = .feed(key, try decoder.decode(FeedState.self, from: value))
        case .checklist: self = .checklist(key, try decoder.decode([ChecklistItemID: ChecklistMark].self, from: value))
        case .reminder: self = .reminder(key, try decoder.decode(Reminder.self, from: value))
        }
    }

    /// Puts this piece into its collection.
    func add(to pieces: inout ConsoleState.KeyedPieces) {
        switch self {
        case .event(let key, let value): pieces.events[key] = value
        case .feed(let key, let value): pieces.feeds[key] = value
        case .checklist(let key, let value): pieces.checklists[key] = value
        case .reminder(let key, let value): pieces.reminders[key] = value
        }
    }
}
