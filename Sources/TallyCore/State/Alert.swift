/// An alert as the console tracks it through its lifecycle.
public struct Alert: Sendable, Equatable, Identifiable {
    public var id: AlertID
    public var raised: AlertRaised
    public var raisedAt: Instant
    public var lastSeenAt: Instant
    /// How many times the source raised this dedup key while the alert was open.
    public var count = 1
    public var state: AlertState = .triggered
    public var acknowledgedBy: String?
    public var acknowledgedAt: Instant?
    /// The escalation level reached; level 1 is paged when the alert triggers.
    public var escalationLevel = 1
    public var escalatedBy: String?
    public var resolvedAt: Instant?
    /// Who resolved it; nil when the source cleared it.
    public var resolvedBy: String?
    public var notes: [String] = []

    public init(id: AlertID, raised: AlertRaised, at instant: Instant) {
        self.id = id
        self.raised = raised
        self.raisedAt = instant
        self.lastSeenAt = instant
    }

    public var severity: Severity { raised.severity }
    public var summary: String { raised.summary }
    public var isOpen: Bool { state != .resolved }
}
