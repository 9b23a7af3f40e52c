/// A token bucket per ingest connection: `burst` lines at once, refilled at `perSecond`. A
/// line over the limit is refused (and counted), never queued, so that one noisy sender
/// cannot slow the hub. Pure: time is passed in, in seconds.
public struct IngestRateLimit: Sendable, Equatable {
    public let perSecond: Double
    public let burst: Double
    private var tokens: Double
    private var last: Double?
    /// Lines refused so far.
    public private(set) var refused = 0

    public init(perSecond: Double = 500, burst: Double = 2000) {
        self.perSecond = perSecond
        self.burst = burst
        self.tokens = burst
    }

    /// Whether a line arriving at `now` may pass.
    public mutating func admit(at now: Double) -> Bool {
        if let last { tokens = min(burst, tokens + max(0, now - last) * perSecond) }
        last = now
        guard tokens >= 1 else {
            refused += 1
            return false
        }
        tokens -= 1
        return true
    }
}
