/// How to read an event's concurrent viewers from a metrics endpoint.
public enum ViewerQuery: Sendable, Equatable {
    /// Sum of `metric` samples whose labels match, from a Prometheus text exposition.
    case prometheus(url: String, metric: String, matchers: [LabelMatcher])
    /// The number at a JSON pointer (RFC 6901) in a JSON answer.
    case json(url: String, pointer: String)

    public var url: String {
        switch self {
        case .prometheus(let url, _, _), .json(let url, _): url
        }
    }
}
