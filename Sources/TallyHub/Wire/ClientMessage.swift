import Foundation
import TallyCore

/// What a client says to the hub: first a `hello`, then (a console) operator actions, each
/// with an idempotency key, or (an ingest client) bus events, one JSON object a line.
public enum ClientMessage {
    /// The first line of every connection.
    public struct Hello: Codable, Sendable, Equatable {
        public enum Role: String, Codable, Sendable {
            /// A console: receives the snapshot and the stream, sends operator actions.
            case console
            /// A source: sends bus events (`tally ingest`), receives only refusals.
            case ingest
        }

        public var kind = "hello"
        public var version: Int
        public var role: Role
        /// The operator's name, taken only on TCP; a Unix socket's peer credentials decide there.
        public var name: String?
        /// The hub's access token, required on TCP.
        public var token: String?

        public init(role: Role, name: String? = nil, token: String? = nil, version: Int = HubMessage.protocolVersion) {
            self.version = version
            self.role = role
            self.name = name
            self.token = token
        }

        public func line() throws -> [UInt8] {
            Array(try JSONEncoder().encode(self)) + [UInt8(ascii: "\n")]
        }
    }

    /// An operator action as a line: `{"kind":"action","key":"…","type":"operator.action","data":{…}}`.
    public static func actionLine(_ event: BusEvent, key: String) throws -> [UInt8] {
        let envelope = Envelope(seq: 0, timestamp: Instant(millisecondsSinceEpoch: 0), source: "console", event: event)
        let line = try envelope.jsonLine(payloadEncoder: WireFormat.makeEncoder())
        // The envelope's own line carries the type and data; the key and kind lead it.
        return Array(("{\"kind\":\"action\",\"key\":" + JSONString.quoted(key) + "," + line.dropFirst()).utf8) + [UInt8(ascii: "\n")]
    }

    /// The idempotency key of an action line; nil when the line is not an action.
    static func actionKey(of object: [String: Any]) -> String? {
        guard object["kind"] as? String == "action", let key = object["key"] as? String, !key.isEmpty, key.utf8.count <= 128 else { return nil }
        return key
    }
}
