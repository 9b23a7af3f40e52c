/// A source says the condition behind an open dedup key is over.
public struct AlertCleared: Codable, Sendable, Equatable {
    public var dedupKey: String
    public var summary: String?

    enum CodingKeys: String, CodingKey {
        case dedupKey = "dedup_key"
        case summary
    }

    public init(dedupKey: String, summary: String? = nil) {
        self.dedupKey = dedupKey
        self.summary = summary
    }
}
