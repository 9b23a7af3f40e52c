import Foundation

extension Envelope {
    /// The envelope as one line of JSON (no newline), fields in the documented order:
    /// `{"seq":…,"id":…,"ts":…,"type":…,"source":…,"site":…,"console":…,"v":…,"data":{…}}`.
    public func jsonLine(payloadEncoder encoder: JSONEncoder) throws -> String {
        var line = "{\"seq\":\(seq)"
        if let id { line += ",\"id\":" + JSONString.quoted(id) }
        line += ",\"ts\":\"\(timestamp.rfc3339)\",\"type\":\"\(event.type)\",\"source\":" + JSONString.quoted(source)
        if let site { line += ",\"site\":" + JSONString.quoted(site) }
        if let console { line += ",\"console\":" + JSONString.quoted(console) }
        line += ",\"v\":\(version),\"data\":"
        line += String(decoding: try event.encodedPayload(with: encoder), as: UTF8.self)
        line += "}"
        return line
    }
}

extension BusEvent {
    /// The `data` member of the envelope, as JSON.
    func encodedPayload(with encoder: JSONEncoder) throws -> Data {
        switch self {
        case .eventScheduled(let data): try encoder.encode(data)
        case .phaseChanged(let data): try encoder.encode(data)
        case .feedSample(let data): try encoder.encode(data)
        case .feedHealth(let data): try encoder.encode(data)
        case .feedContent(let data): try encoder.encode(data)
        case .viewers(let data): try encoder.encode(data)
        case .alertRaised(let data): try encoder.encode(data)
        case .alertCleared(let data): try encoder.encode(data)
        case .operatorAction(let data): try encoder.encode(data)
        case .silenceCreated(let data): try encoder.encode(data)
        case .silenceExpired(let data): try encoder.encode(data)
        case .notified(let data): try encoder.encode(data)
        case .checklistTicked(let data): try encoder.encode(data)
        case .reminder(let data): try encoder.encode(data)
        case .handoverWritten(let data): try encoder.encode(data)
        case .eventCancelled(let data): try encoder.encode(data)
        case .timersDue(let data): try encoder.encode(data)
        }
    }
}

/// JSON string literals without a round trip through an encoder.
public enum JSONString {
    /// `text` as a quoted JSON string, with the escapes RFC 8259 requires.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u00" + String(scalar.value >> 4, radix: 16) + String(scalar.value & 0xF, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
