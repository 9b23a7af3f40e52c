/// What a content check can find wrong with a feed's picture or sound.
public enum ContentCondition: String, Codable, Sendable, CaseIterable, Comparable {
    case black, frozen, silent, loudness

    /// The alert's kind, the first part of its dedup key: `content.black`.
    public var alertKind: String { "content." + rawValue }

    /// Whether a planned break (a slate, an ad) is expected to look or sound like this.
    public var isExpectedInABreak: Bool { self != .loudness }

    public static func < (lhs: ContentCondition, rhs: ContentCondition) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
