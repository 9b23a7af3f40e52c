/// A moment in UTC with millisecond precision: the time of every envelope and every state change.
///
/// Encoded on the wire as RFC 3339 (`2026-03-14T19:02:03.250Z`). The core never reads a clock:
/// instants arrive in envelopes or from an injected clock.
///
/// An instant lies between `earliest` and `latest` (the years 0000 to 9999 that RFC 3339 can
/// write): anything built outside is held to them, so arithmetic on instants cannot overflow.
public struct Instant: Hashable, Comparable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public private(set) var millisecondsSinceEpoch: Int64

    /// `0000-01-01T00:00:00.000Z`.
    public static let earliest = Instant(unchecked: -62_167_219_200_000)
    /// `9999-12-31T23:59:59.999Z`.
    public static let latest = Instant(unchecked: 253_402_300_799_999)

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = min(max(millisecondsSinceEpoch, Self.earliest.millisecondsSinceEpoch), Self.latest.millisecondsSinceEpoch)
    }

    private init(unchecked milliseconds: Int64) {
        millisecondsSinceEpoch = milliseconds
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// The instant `seconds` later (or earlier, when negative), held to `earliest…latest`;
    /// NaN adds nothing.
    public func adding(seconds: Double) -> Instant {
        let span = Double(Self.latest.millisecondsSinceEpoch - Self.earliest.millisecondsSinceEpoch)
        let milliseconds = Int64(saturating: min(max(seconds * 1000, -span), span), rounding: .toNearestOrAwayFromZero)
        return Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    /// Seconds from `other` to `self` (positive when `self` is later).
    public func seconds(since other: Instant) -> Double {
        Double(millisecondsSinceEpoch - other.millisecondsSinceEpoch) / 1000
    }
}
