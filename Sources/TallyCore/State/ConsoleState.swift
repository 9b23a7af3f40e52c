/// Everything a console shows, built only by applying envelopes in bus order.
public struct ConsoleState: Sendable, Equatable {
    /// The time of the last envelope applied.
    public internal(set) var now: Instant?
    public internal(set) var lastSeq: UInt64 = 0
    public internal(set) var events: [EventID: EventState] = [:]
    public internal(set) var feeds: [FeedID: FeedState] = [:]
    /// Alerts, silences and their timers.
    public internal(set) var alerting: AlertEngine
    /// Sum of every event's latest concurrent viewers.
    public internal(set) var totalViewers = 0
    public internal(set) var peakTotalViewers = 0
    /// Total viewers in one-minute buckets over the last hour.
    public internal(set) var audience = TimeSeries(bucketSeconds: 60, capacity: 60)
    /// Operator actions that named no known alert, or made no sense in its state.
    public internal(set) var rejectedActions = 0

    public init(rules: AlertRules = .standard) {
        alerting = AlertEngine(rules: rules)
    }

    /// Open alerts, and resolved ones for a while after.
    public var alerts: [AlertID: Alert] { alerting.alerts }
}

/// The next state after `envelope`: pure, deterministic, the only way console state changes.
public func reduce(_ state: ConsoleState, _ envelope: Envelope) -> ConsoleState {
    var next = state
    next.apply(envelope)
    return next
}
