import TallyCore

/// Line 1 of a recording: `{"tally":"recording","version":1,"started":"…","meta":{…}}`, and for
/// a recording cut from another, `"state":{…}`: the console state at its start, which its
/// envelopes apply on top of.
public struct RecordingHeader: Codable, Sendable, Equatable {
    public var tally: String
    public var version: Int
    public var started: Instant
    public var meta: [String: String]
    public var state: ConsoleState?

    public static let currentVersion = 1

    public init(started: Instant, meta: [String: String] = [:], state: ConsoleState? = nil) {
        self.tally = "recording"
        self.version = Self.currentVersion
        self.started = started
        self.meta = meta
        self.state = state
    }
}

extension RecordingHeader {
    /// The header as one line of JSON, fields in the documented order.
    public func jsonLine() -> String {
        let members = meta.keys.sorted()
            .map { JSONString.quoted($0) + ":" + JSONString.quoted(meta[$0] ?? "") }
            .joined(separator: ",")
        let line = "{\"tally\":\(JSONString.quoted(tally)),\"version\":\(version),\"started\":\"\(started.rfc3339)\",\"meta\":{\(members)}"
        guard let state, let encoded = try? WireFormat.makeEncoder().encode(state) else { return line + "}" }
        return line + ",\"state\":" + String(decoding: encoded, as: UTF8.self) + "}"
    }
}
