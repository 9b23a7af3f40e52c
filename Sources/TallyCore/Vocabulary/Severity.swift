/// How urgent an alert is, in PagerDuty's four levels; ordered so that `critical` is the greatest.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, warning, error, critical

    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
