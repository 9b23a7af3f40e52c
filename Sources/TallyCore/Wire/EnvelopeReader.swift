/// The fast path of `EnvelopeDecoder`: one pass over a line's bytes into an envelope of a kind
/// it knows, checked as `JSONDecoder`'s path checks it; nil for anything else (another kind, a
/// key it does not know, a key twice, a value out of range, JSON it does not read exactly).
enum EnvelopeReader {
    private static let keys = Envelope.CodingKeys.allCases
    private static let table = KeyTable(keys.map(\.rawValue))

    static func envelope(_ line: UnsafeRawBufferPointer) -> Envelope? {
        var cursor = JSONCursor(line)
        var seq: UInt64?, id: String?, timestamp: Instant?, type: String?, source: String?
        var site: String?, console: String?, version: Int? = 1, event: BusEvent?
        let read = cursor.members(of: table) { cursor, position in
            switch keys[position] {
            case .seq:
                guard let value = cursor.integer(), value >= 0, UInt64(value) <= Envelope.largestSeq else { return false }
                seq = UInt64(value)
                return true
            case .id: return cursor.optionalString(&id)
            case .ts: return assign(&timestamp, cursor.plainString().flatMap(Instant.parse(rfc3339:)))
            case .type: return assign(&type, cursor.string())
            case .source: return assign(&source, cursor.string())
            case .site: return cursor.optionalString(&site)
            case .console: return cursor.optionalString(&console)
            case .v: return cursor.takeNull() || assign(&version, cursor.integer())
            case .data:
                guard let type else { return false }  // data before its type: left to JSONDecoder
                return assign(&event, Self.event(type, &cursor))
            }
        }
        guard read, cursor.isAtEnd(), let seq, let timestamp, let source, let version, let event else { return nil }
        return Envelope(seq: seq, id: id, timestamp: timestamp, source: source, site: site, console: console, version: version, event: event)
    }

    /// The payload of `type`, read and checked; nil for a kind this reader leaves to `JSONDecoder`.
    private static func event(_ type: String, _ cursor: inout JSONCursor) -> BusEvent? {
        switch type {
        case "feed.sample": checked(FeedSample.read(&cursor)).map(BusEvent.feedSample)
        case "viewers.sample": checked(ViewerSample.read(&cursor)).map(BusEvent.viewers)
        case "feed.health": checked(FeedHealthChanged.read(&cursor)).map(BusEvent.feedHealth)
        default: nil
        }
    }

    private static func checked<T: InboundPayload>(_ payload: T?) -> T? {
        guard let payload, (try? payload.check()) != nil else { return nil }
        return payload
    }
}

/// Puts `value` in `slot`; whether there was one.
func assign<T>(_ slot: inout T?, _ value: T?) -> Bool {
    slot = value
    return value != nil
}

extension JSONCursor {
    /// A string or `null` into `value`; false for anything else.
    mutating func optionalString(_ value: inout String?) -> Bool {
        takeNull() || assign(&value, string())
    }

    /// A number or `null` into `value`; false for anything else.
    mutating func optionalDouble(_ value: inout Double?) -> Bool {
        takeNull() || assign(&value, double())
    }

    /// A whole number or `null` into `value`; false for anything else.
    mutating func optionalInteger(_ value: inout Int?) -> Bool {
        takeNull() || assign(&value, integer())
    }
}
