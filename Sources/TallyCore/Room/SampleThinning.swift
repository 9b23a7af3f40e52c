/// Thins a site's metric samples before they go to the room's log, so that a busy night's
/// probes (500 feeds, one sample each every 2 s) reach the database at a rate it takes for a
/// month: the first sample of a feed (or of an event's audience) goes at once, and any that
/// follow within `intervalSeconds` are held, the newest replacing the older, and go when the
/// interval is up. Everything else (health, alerts, actions, schedule) goes at once, in order.
/// The console state keeps only a feed's newest sample and an audience's newest value of each
/// 30 s bucket, so the room loses nothing it shows by more than the interval.
public struct SampleThinning: Sendable {
    /// The least time between two samples of one key in the room's log.
    public let intervalSeconds: Double
    /// When each key last let a sample through (monotonic seconds).
    private var lastPassed: [String: Double] = [:]
    /// The newest sample of each key held back since.
    private var held: [String: Envelope] = [:]
    /// Samples replaced by a newer one before they went.
    public private(set) var thinnedCount = 0

    public init(intervalSeconds: Double = 5) {
        precondition(intervalSeconds.isFinite && intervalSeconds >= 0)
        self.intervalSeconds = intervalSeconds
    }

    /// What of `envelopes` goes to the room now (`now` in monotonic seconds), after the held
    /// samples whose interval is up.
    public mutating func pass(_ envelopes: [Envelope], now: Double) -> [Envelope] {
        var out = release(now: now)
        for envelope in envelopes {
            guard let key = envelope.event.coalescingKey else {
                out.append(envelope)
                continue
            }
            if let last = lastPassed[key], now - last < intervalSeconds {
                if held.updateValue(envelope, forKey: key) != nil { thinnedCount += 1 }
            } else {
                lastPassed[key] = now
                out.append(envelope)
            }
        }
        return out
    }

    /// Seconds until the next held sample is due to go; nil when none is held.
    public func secondsUntilRelease(now: Double) -> Double? {
        held.keys.compactMap { lastPassed[$0] }.min().map { max(0, $0 + intervalSeconds - now) }
    }

    /// Every held sample, oldest first, to go before a stop.
    public mutating func releaseAll() -> [Envelope] {
        defer { held = [:] }
        return Self.ordered(Array(held.values))
    }

    /// The held samples whose interval is up, oldest first; keys quiet for a whole interval are forgotten.
    private mutating func release(now: Double) -> [Envelope] {
        var due: [Envelope] = []
        for (key, last) in lastPassed where now - last >= intervalSeconds {
            if let envelope = held.removeValue(forKey: key) {
                due.append(envelope)
                lastPassed[key] = now
            } else {
                lastPassed[key] = nil
            }
        }
        return Self.ordered(due)
    }

    private static func ordered(_ envelopes: [Envelope]) -> [Envelope] {
        envelopes.sorted { ($0.timestamp, $0.seq) < ($1.timestamp, $1.seq) }
    }
}
