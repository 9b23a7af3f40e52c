/// The spread of a set of durations in seconds: how many, the median (the middle value, or
/// the mean of the two middle ones), the 90th percentile by nearest rank (the smallest value
/// at least 90 % of them do not exceed) and the worst.
public struct DurationSummary: Sendable, Equatable, Codable {
    public var count: Int
    public var median: Double?
    public var p90: Double?
    public var worst: Double?

    public init(_ durations: [Double]) {
        let sorted = durations.filter(\.isFinite).sorted()
        count = sorted.count
        guard !sorted.isEmpty else { return }
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        // Nearest rank: the ⌈0.9·n⌉-th value, counted from 1.
        p90 = sorted[(sorted.count * 9 + 9) / 10 - 1]
        worst = sorted.last
    }
}
