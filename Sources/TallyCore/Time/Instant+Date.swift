import Foundation

extension Instant {
    /// The instant of a Foundation date, to the nearest millisecond (held to `earliest…latest`).
    public init(_ date: Date) {
        self.init(millisecondsSinceEpoch: Int64(saturating: date.timeIntervalSince1970 * 1000, rounding: .toNearestOrAwayFromZero))
    }
}
