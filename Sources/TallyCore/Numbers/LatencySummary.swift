/// How long something took, summed up as it happens: how many times, in all, and the longest;
/// what a metrics endpoint shows as a summary.
public struct LatencySummary: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var totalSeconds = 0.0
    public private(set) var maxSeconds = 0.0

    public init() {}

    public mutating func add(_ seconds: Double) {
        guard seconds.isFinite, seconds >= 0 else { return }
        count += 1
        totalSeconds += seconds
        maxSeconds = max(maxSeconds, seconds)
    }
}
