/// When a feed is degraded or down (DOMAIN.md's thresholds by default; overridable per feed).
public struct FeedThresholds: Sendable, Equatable {
    /// Playlist age, in target durations, past which the feed is degraded, and down.
    public var staleWarning = 1.5
    public var staleDown = 3.0
    /// Live window, in target durations, under which the feed is degraded.
    public var shortWindow = 3.0
    /// Segment download time, as a share of the segment's duration, past which the feed is
    /// degraded, and down.
    public var slowWarning = 0.5
    public var slowDown = 1.0
    /// Measured bitrate over `overBandwidth` × BANDWIDTH, or under `underAverage` ×
    /// AVERAGE-BANDWIDTH, is degraded.
    public var overBandwidth = 1.1
    public var underAverage = 0.5
    /// A variant missing from the multivariant playlist this long is down.
    public var missingVariantSeconds = 120.0
    /// Clean polls in a row before a bad verdict clears.
    public var cleanPollsToClear = 2
    /// How far behind the wall clock the live edge may be (from `EXT-X-PROGRAM-DATE-TIME`)
    /// before the feed is degraded; nil when the event sets no latency target.
    public var latencyTargetSeconds: Double?

    public init() {}

    public static let standard = FeedThresholds()
}
