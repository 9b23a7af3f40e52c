import Foundation
import TallyCore

/// One line from the hub to a client (protocol version `HubMessage.protocolVersion`).
///
/// Bus envelopes travel bare, exactly as in a recording (`{"seq":…,"ts":…,"type":…,"data":…}`);
/// every other line is a control message with a `kind`. See README.md, "Hub protocol".
public enum HubMessage: Sendable, Equatable {
    /// The version spoken; a hub refuses a client that asks for another.
    public static let protocolVersion = 1

    /// Sent once the hub accepts a client: who the hub takes it to be.
    case welcome(Welcome)
    /// The whole console state: the first thing a console receives, and again whenever it fell
    /// behind. Everything after it applies on top of it.
    case snapshot(ConsoleState)
    /// One bus envelope, in hub order.
    case envelope(Envelope)
    /// The hub's clock, once a second: runs the alert timers and shows the link is alive.
    case tick(Tick)
    /// The fate of an operator action, by its idempotency key, when it was not applied now.
    case receipt(Receipt)
    /// A line the hub refused, with its number on this connection.
    case error(Refusal)
    /// The hub is closing the connection, and why.
    case bye(reason: String)

    public struct Welcome: Codable, Sendable, Equatable {
        public var kind = "welcome"
        public var version: Int
        /// How this connection appears in the audit trail (`unix:maria pid 4242 #7`).
        public var connection: String
        /// The operator this connection acts as.
        public var `operator`: String
        public var site: String?
        /// What the connection may do (by its token on TCP); absent from hubs before roles, meaning operator.
        public var role: AccessRole?

        public init(connection: String, operator: String, site: String?, role: AccessRole? = nil) {
            self.version = HubMessage.protocolVersion
            self.connection = connection
            self.operator = `operator`
            self.site = site
            self.role = role
        }
    }

    public struct Tick: Codable, Sendable, Equatable {
        public var kind = "tick"
        public var now: Instant
        /// Ingest lines and webhook bodies the hub has refused since it started.
        public var rejected: Int
        /// Consoles attached now.
        public var consoles: Int
        /// The room the hub shares with other sites; absent for a hub on its own.
        public var room: Room?

        public init(now: Instant, rejected: Int, consoles: Int, room: Room? = nil) {
            self.now = now
            self.rejected = rejected
            self.consoles = consoles
            self.room = room
        }

        /// The sites of a shared room as the hub last heard them, for every console's header.
        public struct Room: Codable, Sendable, Equatable {
            /// Each site, and the whole seconds since its hub was last heard from.
            public var sites: [Site]
            /// The site whose hub holds the room's lease (decides timers and pages); none while it changes hands.
            public var decides: String?
            /// Whether this hub reaches the room's database now.
            public var linked: Bool
            /// This site's envelopes waiting for the database.
            public var queued: Int
            /// Of those, the operators' actions (kept on disk meanwhile).
            public var actions: Int?
            /// Whole seconds since this site was cut off from the room; nil while linked or connecting.
            public var isolated: Int?

            public struct Site: Codable, Sendable, Equatable {
                public var name: String
                public var heard: Int

                public init(name: String, heard: Int) {
                    self.name = name
                    self.heard = heard
                }
            }

            public init(sites: [Site], decides: String?, linked: Bool, queued: Int) {
                self.sites = sites
                self.decides = decides
                self.linked = linked
                self.queued = queued
            }
        }
    }

    public struct Receipt: Codable, Sendable, Equatable {
        public enum Status: String, Codable, Sendable { case duplicate, refused }
        public var kind = "receipt"
        public var key: String
        public var status: Status
        public var reason: String?

        public init(key: String, status: Status, reason: String? = nil) {
            self.key = key
            self.status = status
            self.reason = reason
        }
    }

    public struct Refusal: Codable, Sendable, Equatable {
        public var kind = "error"
        public var line: Int
        public var reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    private struct Bye: Codable {
        var kind = "bye"
        var reason: String
    }

    private struct Snapshot: Codable {
        var kind = "snapshot"
        var state: ConsoleState
    }

    private struct Kind: Decodable {
        var kind: String
    }

    /// The message as one line, newline included.
    public func line() throws -> [UInt8] {
        let encoder = WireFormat.makeEncoder()
        var bytes: [UInt8] = switch self {
        case .welcome(let welcome): Array(try encoder.encode(welcome))
        case .snapshot(let state): Array(try encoder.encode(Snapshot(state: state)))
        case .envelope(let envelope): Array(try envelope.jsonLine(payloadEncoder: encoder).utf8)
        case .tick(let tick): Array(try encoder.encode(tick))
        case .receipt(let receipt): Array(try encoder.encode(receipt))
        case .error(let refusal): Array(try encoder.encode(refusal))
        case .bye(let reason): Array(try encoder.encode(Bye(reason: reason)))
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Envelopes as consecutive lines, encoded with one encoder: the hub's fan-out, built once
    /// for every console.
    public static func lines(of envelopes: [Envelope]) -> [UInt8] {
        let encoder = WireFormat.makeEncoder()
        var bytes: [UInt8] = []
        for envelope in envelopes {
            guard let line = try? envelope.jsonLine(payloadEncoder: encoder) else { continue }
            bytes += line.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// Reads one line (without its newline).
    public init(line: some Collection<UInt8>) throws {
        let data = Data(line)
        let decoder = WireFormat.makeDecoder()
        if data.starts(with: Array("{\"seq\":".utf8)) {
            self = .envelope(try EnvelopeDecoder().decode(data))
            return
        }
        switch try decoder.decode(Kind.self, from: data).kind {
        case "welcome": self = .welcome(try decoder.decode(Welcome.self, from: data))
        case "snapshot": self = .snapshot(try decoder.decode(Snapshot.self, from: data).state)
        case "tick": self = .tick(try decoder.decode(Tick.self, from: data))
        case "receipt": self = .receipt(try decoder.decode(Receipt.self, from: data))
        case "error": self = .error(try decoder.decode(Refusal.self, from: data))
        case "bye": self = .bye(reason: try decoder.decode(Bye.self, from: data).reason)
        case let other: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown message kind \"\(other)\""))
        }
    }
}
