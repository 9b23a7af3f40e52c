/// An alert as the engine tracks it through its lifecycle: triggered, acknowledged, resolved,
/// with its escalation, and whatever holds its escalation back (a silence, an inhibiting
/// alert, flapping).
public struct Alert: Sendable, Equatable, Identifiable, Codable {
    /// A level's targets were told (or, for a held alert, are still to be told).
    public struct Page: Sendable, Equatable, Codable {
        public var level: Int
        public var round: Int
    }

    public var id: AlertID
    public var raised: AlertRaised
    public var raisedAt: Instant
    /// The site whose monitors or sources raised it, when the room has several.
    public var site: String?
    public var lastSeenAt: Instant
    /// How many times the source raised this dedup key while the alert was open.
    public var count = 1
    public var escalation: Escalation
    public var acknowledgedBy: String?
    /// The site whose console acknowledged it, when the room has several.
    public var acknowledgedSite: String?
    public var escalatedBy: String?
    public var resolvedAt: Instant?
    /// Who resolved it; nil when the source cleared it.
    public var resolvedBy: String?
    public var notes: [String] = []
    /// When the source last cleared, while the alert waits out the hold-down before resolving.
    public var clearingSince: Instant?
    public var isFlapping = false
    public var silencedBy: SilenceID?
    public var inhibitedBy: AlertID?
    /// The last level whose targets were told.
    public var paged: Page?
    /// The viewers it puts at risk and the viewer-minutes affected (nil for an alert stored before Tally counted them).
    public var impact: AlertImpact?

    public init(id: AlertID, raised: AlertRaised, escalation: Escalation, at instant: Instant) {
        self.id = id
        self.raised = raised
        self.raisedAt = instant
        self.lastSeenAt = instant
        self.escalation = escalation
    }

    public var severity: Severity { raised.severity }
    public var summary: String { raised.summary }
    public var isOpen: Bool { state != .resolved }
    public var state: AlertState {
        switch escalation.status {
        case .triggered: .triggered
        case .acknowledged: .acknowledged
        case .resolved: .resolved
        }
    }
    public var acknowledgedAt: Instant? { escalation.acknowledgedAt }
    /// Who owns it, as a refused second acknowledgement names them: `maria at los-angeles`.
    public var owner: String { (acknowledgedBy ?? "someone") + (acknowledgedSite.map { " at \($0)" } ?? "") }
    /// The escalation level reached; level 1 is paged when the alert triggers.
    public var escalationLevel: Int { escalation.level }
    /// Whether escalation waits: silenced, muted by another alert, or flapping.
    public var isHeld: Bool { silencedBy != nil || inhibitedBy != nil || isFlapping }

    /// The labels that matchers (policies, silences, inhibitions) see: the source's labels plus
    /// `alertname` (the class, else the dedup key's first part), `severity`, `source` and `dedup_key`.
    public var matchLabels: [String: String] { Self.matchLabels(of: raised) }

    public static func matchLabels(of raised: AlertRaised) -> [String: String] {
        var labels = raised.labels
        labels["alertname"] = labels["alertname"] ?? raised.class ?? String(raised.dedupKey.prefix { $0 != "/" })
        labels["severity"] = raised.severity.rawValue
        labels["source"] = raised.source
        labels["dedup_key"] = raised.dedupKey
        return labels
    }
}
