/// Everything a console shows, built only by applying envelopes in bus order.
public struct ConsoleState: Sendable, Equatable {
    /// The time of the last envelope applied.
    public internal(set) var now: Instant?
    public internal(set) var lastSeq: UInt64 = 0
    public internal(set) var events: [EventID: EventState] = [:]
    public internal(set) var feeds: [FeedID: FeedState] = [:]
    public internal(set) var alerts: [AlertID: Alert] = [:]
    /// Open alerts by dedup key.
    public internal(set) var openAlerts: [String: AlertID] = [:]
    public internal(set) var nextAlertID: AlertID = 1
    /// Sum of every event's latest concurrent viewers.
    public internal(set) var totalViewers = 0
    public internal(set) var peakTotalViewers = 0
    /// Total viewers in one-minute buckets over the last hour.
    public internal(set) var audience = TimeSeries(bucketSeconds: 60, capacity: 60)
    /// Operator actions that named no known alert, or made no sense in its state.
    public internal(set) var rejectedActions = 0

    /// How long a resolved alert stays on screen before it is dropped from the state.
    public static let resolvedAlertRetentionSeconds = 15.0 * 60

    public init() {}
}

/// The next state after `envelope`: pure, deterministic, the only way console state changes.
public func reduce(_ state: ConsoleState, _ envelope: Envelope) -> ConsoleState {
    var next = state
    next.apply(envelope)
    return next
}
