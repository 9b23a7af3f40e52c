/// The documented ranges of the numbers Tally takes from outside (files, sockets, feeds, viewer
/// sources, the command line). A value is checked against its range where it enters; past
/// that, the core may rely on it, and its arithmetic on time cannot trap.
public enum Limits {
    /// Ten years in seconds: the longest duration, delay, timeout or span Tally accepts.
    public static let longestDurationSeconds: Double = 315_576_000
    /// A duration: finite, from zero to ten years.
    public static let durationSeconds: ClosedRange<Double> = 0...longestDurationSeconds
    /// An offset either side of a moment (a rundown step from an event's start or end).
    public static let offsetSeconds: ClosedRange<Double> = -longestDurationSeconds...longestDurationSeconds
    /// Concurrent viewers, joins a minute: up to ten billion, more than there are people.
    public static let audience: ClosedRange<Double> = 0...10_000_000_000
    /// A percentage.
    public static let percent: ClosedRange<Double> = 0...100
    /// Bits a second: up to ten terabits, a hundred times any one stream's.
    public static let bitrate: ClosedRange<Double> = 0...10_000_000_000_000
    /// A playlist's media and discontinuity sequence numbers: 2^53, so that sums stay exact in a
    /// Double and in JSON (RFC 8216 allows 2^64 - 1, which no live stream comes near).
    public static let sequence: ClosedRange<Int> = 0...(1 << 53)
    /// EXT-X-TARGETDURATION in seconds: at least one, at most an hour.
    public static let targetDuration: ClosedRange<Int> = 1...3600
    /// One segment's EXTINF duration in seconds.
    public static let segmentSeconds: ClosedRange<Double> = 0...3600
    /// A terminal's width or height in cells.
    public static let screenCells: ClosedRange<Int> = 1...1000
    /// A threshold given as a multiple (of a target duration, a bandwidth, a segment's length).
    public static let thresholdFactor: ClosedRange<Double> = 0...1000
    /// A count from a file (repeats, transitions, versions).
    public static let count: ClosedRange<Int> = 0...1_000_000
    /// Bytes, for a rotation size: up to a terabyte.
    public static let bytes: ClosedRange<Double> = 1...1_099_511_627_776
}

/// A number outside its documented range: the value as given, and the range it should be in.
public struct OutOfRange: Error, Sendable, Equatable, CustomStringConvertible {
    public var value: String
    public var range: String

    public init(value: String, range: String) {
        self.value = value
        self.range = range
    }

    public var description: String { "\(value) is outside \(range)" }
}

extension ClosedRange where Bound == Double {
    /// `value` when it is finite and within the range; otherwise a refusal naming both.
    public func checked(_ value: Double) throws(OutOfRange) -> Double {
        guard value.isFinite, contains(value) else { throw OutOfRange(value: Figures.plain(value), range: spelled) }
        return value
    }

    /// `value` held to the range, zero (or the nearest bound to it) for NaN: for figures
    /// computed inside from values already checked.
    public func clamp(_ value: Double) -> Double {
        value.isNaN ? Swift.min(Swift.max(0, lowerBound), upperBound) : Swift.min(Swift.max(value, lowerBound), upperBound)
    }

    /// `0…315576000`.
    public var spelled: String { "\(Figures.plain(lowerBound))…\(Figures.plain(upperBound))" }
}

extension ClosedRange where Bound == Int {
    /// `value` when it is within the range; otherwise a refusal naming both.
    public func checked(_ value: Int) throws(OutOfRange) -> Int {
        guard contains(value) else { throw OutOfRange(value: "\(value)", range: "\(lowerBound)…\(upperBound)") }
        return value
    }

    /// A whole number from a Double, when it is finite, whole and within the range.
    public func checked(_ value: Double) throws(OutOfRange) -> Int {
        guard value.isFinite, value == value.rounded(), value >= Double(lowerBound), value <= Double(upperBound) else {
            throw OutOfRange(value: "\(value)", range: "\(lowerBound)…\(upperBound)")
        }
        return Int(saturating: value)
    }
}
