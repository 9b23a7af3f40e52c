/// A source says something is wrong. Repeats of an open dedup key add to that alert's count.
public struct AlertRaised: Codable, Sendable, Equatable {
    public var dedupKey: String
    public var severity: Severity
    public var summary: String
    public var source: String
    public var component: String?
    public var group: String?
    public var `class`: String?
    public var labels: [String: String]
    public var runbook: String?

    enum CodingKeys: String, CodingKey {
        case dedupKey = "dedup_key"
        case severity
        case summary
        case source
        case component
        case group
        case `class`
        case labels
        case runbook
    }

    public init(
        dedupKey: String, severity: Severity, summary: String, source: String,
        component: String? = nil, group: String? = nil, class: String? = nil,
        labels: [String: String] = [:], runbook: String? = nil
    ) {
        self.dedupKey = dedupKey
        self.severity = severity
        self.summary = summary
        self.source = source
        self.component = component
        self.group = group
        self.class = `class`
        self.labels = labels
        self.runbook = runbook
    }

    /// The live event this alert concerns, from its `event` label.
    public var eventId: EventID? { labels["event"] }
    /// The feed this alert concerns, from its `feed` label.
    public var feedId: FeedID? { labels["feed"] }
}

extension AlertRaised {
    /// Decodes the envelope's data; `labels` may be left out (a source with nothing to route on).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            dedupKey: try container.decode(String.self, forKey: .dedupKey), severity: try container.decode(Severity.self, forKey: .severity),
            summary: try container.decode(String.self, forKey: .summary), source: try container.decode(String.self, forKey: .source),
            component: try container.decodeIfPresent(String.self, forKey: .component), group: try container.decodeIfPresent(String.self, forKey: .group),
            class: try container.decodeIfPresent(String.self, forKey: .class),
            labels: try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:],
            runbook: try container.decodeIfPresent(String.self, forKey: .runbook))
    }
}
