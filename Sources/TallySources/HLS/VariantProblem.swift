import TallyCore

/// Something wrong with a variant, as a monitor would say it: the alert kind it raises, how
/// bad it is, and the reason in words.
public struct VariantProblem: Sendable, Equatable {
    /// The dedup key's first part: `feed.stale`, `feed.down`, `feed.sequence`, `feed.slow`,
    /// `feed.bitrate`, `feed.window`, `feed.ended`, `feed.variant-missing`.
    public var kind: String
    public var status: FeedStatus
    public var reason: String

    /// Critical for a feed down, a warning otherwise, unless the problem says (a missing ad cue is an error).
    public var severity: Severity

    public init(kind: String, status: FeedStatus, reason: String, severity: Severity? = nil) {
        self.kind = kind
        self.status = status
        self.reason = reason
        self.severity = severity ?? (status == .down ? .critical : .warning)
    }
}
