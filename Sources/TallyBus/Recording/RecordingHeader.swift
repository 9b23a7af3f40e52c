import TallyCore

/// Line 1 of a recording: `{"tally":"recording","version":1,"started":"…","meta":{…}}`.
public struct RecordingHeader: Codable, Sendable, Equatable {
    public var tally: String
    public var version: Int
    public var started: Instant
    public var meta: [String: String]

    public static let currentVersion = 1

    public init(started: Instant, meta: [String: String] = [:]) {
        self.tally = "recording"
        self.version = Self.currentVersion
        self.started = started
        self.meta = meta
    }
}

extension RecordingHeader {
    /// The header as one line of JSON, fields in the documented order.
    public func jsonLine() -> String {
        let members = meta.keys.sorted()
            .map { JSONString.quoted($0) + ":" + JSONString.quoted(meta[$0] ?? "") }
            .joined(separator: ",")
        return "{\"tally\":\(JSONString.quoted(tally)),\"version\":\(version),\"started\":\"\(started.rfc3339)\",\"meta\":{\(members)}}"
    }
}
