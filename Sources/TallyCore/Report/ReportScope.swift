/// Which alerts a report covers: those raised from `from` (inclusive) to `to` (exclusive),
/// of one event, raised at one site; nil leaves that side open.
public struct ReportScope: Sendable, Equatable, Codable {
    public var from: Instant?
    public var to: Instant?
    public var event: EventID?
    public var site: String?

    public init(from: Instant? = nil, to: Instant? = nil, event: EventID? = nil, site: String? = nil) {
        self.from = from
        self.to = to
        self.event = event
        self.site = site
    }

    /// Whether `alert` is one the report covers.
    public func covers(_ alert: Alert) -> Bool {
        covers(moment: alert.raisedAt) && (event == nil || alert.raised.eventId == event) && (site == nil || alert.site == site)
    }

    /// Whether `instant` falls within the period.
    public func covers(moment instant: Instant) -> Bool {
        (from.map { instant >= $0 } ?? true) && (to.map { instant < $0 } ?? true)
    }
}
