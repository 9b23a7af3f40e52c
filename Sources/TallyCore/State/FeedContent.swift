/// What the console knows of a feed's content: its last check that ran, the last one's failure,
/// and since when each condition has shown (for `BLACK 12s`), by the standard thresholds.
public struct FeedContent: Sendable, Equatable, Codable {
    public var last: ContentChecked?
    public var lastAt: Instant?
    /// Why the newest check failed; nil when it ran.
    public var problem: String?
    /// By condition (`black`, `frozen`, `silent`, `loudness`).
    public var since: [String: Instant] = [:]
    /// The newest picture a check sent (a `PicturePreview` in base64), and when.
    public var preview: String?
    public var previewAt: Instant?

    public init() {}

    /// Since when `condition` has shown, check after check; nil when the last check did not show it.
    public func since(_ condition: ContentCondition) -> Instant? { since[condition.rawValue] }

    mutating func record(_ checked: ContentChecked, at instant: Instant) {
        problem = checked.problem
        guard checked.problem == nil else { return }
        let found = ContentRules.standard.conditions(of: checked)
        for condition in ContentCondition.allCases {
            since[condition.rawValue] = found.contains(condition) ? since[condition.rawValue] ?? instant : nil
        }
        last = checked
        lastAt = instant
        if let preview = checked.picture?.preview {
            self.preview = preview
            previewAt = instant
        }
    }
}
