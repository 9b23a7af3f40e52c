/// What an alert has cost its audience: the viewers it puts at risk now, the most it ever put
/// at risk, and the viewer-minutes affected so far (viewers at risk integrated over the time
/// the alert was open). The figure at risk is held from one change to the next (a viewer
/// sample, a feed's health, the alert opening or resolving), so the minutes are exact for what
/// the console knew, and the same on every console that applied the same envelopes.
public struct AlertImpact: Sendable, Equatable, Codable {
    /// Viewers at risk since `since`.
    public private(set) var atRisk: Int
    public private(set) var peak: Int
    /// When `atRisk` last changed.
    public private(set) var since: Instant
    /// Viewer-minutes affected up to `since`.
    public private(set) var minutesBefore: Double

    enum CodingKeys: String, CodingKey {
        case atRisk = "at_risk", peak, since
        case minutesBefore = "minutes_before"
    }

    public init(atRisk: Int, at instant: Instant) {
        self.atRisk = max(0, atRisk)
        self.peak = self.atRisk
        self.since = instant
        self.minutesBefore = 0
    }

    /// Read back from a store or a snapshot: counts no audience comes near and finite minutes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        atRisk = try container.decode(Int.self, forKey: .atRisk)
        peak = try container.decode(Int.self, forKey: .peak)
        since = try container.decode(Instant.self, forKey: .since)
        minutesBefore = try container.decode(Double.self, forKey: .minutesBefore)
        let viewers = 0...10_000_000_000  // Limits.audience
        guard viewers.contains(atRisk), viewers.contains(peak), minutesBefore.isFinite, (0...Self.minutesCap).contains(minutesBefore) else {
            throw DecodingError.dataCorruptedError(forKey: .atRisk, in: container,
                                                   debugDescription: "an impact outside 0…10,000,000,000 viewers or 0…1e15 viewer-minutes")
        }
    }

    /// More viewer-minutes than a year of every viewer there could be: a figure past it is corrupt.
    static let minutesCap = 1e15

    /// Viewer-minutes affected up to `instant` (no earlier than the last change).
    public func viewerMinutes(at instant: Instant) -> Double {
        minutesBefore + Double(atRisk) * max(0, instant.seconds(since: since)) / 60
    }

    /// The impact once `atRisk` viewers are at risk from `instant` on.
    public func changing(to atRisk: Int, at instant: Instant) -> AlertImpact {
        let atRisk = max(0, atRisk)
        guard atRisk != self.atRisk, instant >= since else { return self }
        var next = self
        next.minutesBefore = min(Self.minutesCap, viewerMinutes(at: instant))
        next.since = instant
        next.atRisk = atRisk
        next.peak = max(peak, atRisk)
        return next
    }
}
