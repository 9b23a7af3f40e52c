import Foundation
import TallyCore

/// Writes console states as lines: first the state without its per-event and per-feed
/// collections (JSON), then one line for each event, feed, checklist and reminder
/// (`TAG<tab>"key"<tab>{json}`, the tags in `StatePiece.Tag`). Only the pieces that changed since
/// the last state it wrote are encoded again; the rest reuse their line, byte for byte, which is
/// what lets `StatePieceReader` decode a state's unchanged pieces once.
struct StatePieceWriter {
    private var events = PieceColumn<EventState>(tag: .event)
    private var feeds = PieceColumn<FeedState>(tag: .feed)
    private var checklists = PieceColumn<[ChecklistItemID: ChecklistMark]>(tag: .checklist)
    private var reminders = PieceColumn<Reminder>(tag: .reminder)
    private let encoder = WireFormat.makeEncoder()

    mutating func encode(_ state: ConsoleState) throws -> Data {
        var out = try encoder.encode(state.withoutKeyedPieces)
        out.append(StatePiece.newline)
        let pieces = state.keyedPieces
        try events.append(pieces.events, to: &out, using: encoder)
        try feeds.append(pieces.feeds, to: &out, using: encoder)
        try checklists.append(pieces.checklists, to: &out, using: encoder)
        try reminders.append(pieces.reminders, to: &out, using: encoder)
        return out
    }
}

/// The lines of one keyed collection, remembered with the values they were encoded from.
private struct PieceColumn<Value: Encodable & Equatable> {
    let tag: StatePiece.Tag
    private var written: [String: (value: Value, line: Data)] = [:]

    init(tag: StatePiece.Tag) { self.tag = tag }

    mutating func append(_ values: [String: Value], to out: inout Data, using encoder: JSONEncoder) throws {
        var next: [String: (value: Value, line: Data)] = [:]
        next.reserveCapacity(values.count)
        for key in values.keys.sorted() {
            let value = values[key]!
            let line: Data
            if let old = written[key], old.value == value {
                line = old.line
            } else {
                var fresh = Data([tag.rawValue, StatePiece.tab])
                fresh.append(try encoder.encode(key))
                fresh.append(StatePiece.tab)
                fresh.append(try encoder.encode(value))
                fresh.append(StatePiece.newline)
                line = fresh
            }
            out.append(line)
            next[key] = (value, line)
        }
        written = next
    }
}
