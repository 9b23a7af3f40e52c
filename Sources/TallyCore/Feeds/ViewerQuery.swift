/// How to read an event's concurrent viewers from a metrics endpoint.
public enum ViewerQuery: Sendable, Equatable {
    /// Sum of `metric` samples whose labels match, from a Prometheus text exposition; with
    /// `breakdown` labels (`cdn`, `region`), also the sum for each value of each of them: the
    /// shares that put only a CDN's or a region's viewers at risk when that part fails.
    case prometheus(url: String, metric: String, matchers: [LabelMatcher], breakdown: [String] = [])
    /// The number at a JSON pointer (RFC 6901) in a JSON answer.
    case json(url: String, pointer: String)

    public var url: String {
        switch self {
        case .prometheus(let url, _, _, _), .json(let url, _): url
        }
    }
}

/// Dedup keys that sources and the screen agree on.
public enum AlertKeys {
    /// Raised while an event's viewer-count source fails; its viewers are stale, not zero.
    public static func viewersStale(_ event: EventID) -> String { "viewers.stale/" + event }
    /// Raised while an event's viewers have fallen by more than the drop fraction in a minute.
    public static func viewersDrop(_ event: EventID) -> String { "viewers.drop/" + event }
}
