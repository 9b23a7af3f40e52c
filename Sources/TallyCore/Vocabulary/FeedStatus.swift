/// The health verdict on a feed; ordered by how much it needs a human (`down` is the greatest).
public enum FeedStatus: String, Codable, Sendable, CaseIterable, Comparable {
    case ok, unknown, degraded, down

    var rank: Int {
        switch self {
        case .ok: 0
        case .unknown: 1
        case .degraded: 2
        case .down: 3
        }
    }

    public static func < (lhs: FeedStatus, rhs: FeedStatus) -> Bool { lhs.rank < rhs.rank }
}
