/// Identifies a silence: a number given in bus order, like alert ids.
public typealias SilenceID = Int

/// A period during which alerts whose labels match are shown dimmed and never escalate
/// (Alertmanager's silences). It ends on time, or earlier when an operator expires it.
public struct Silence: Sendable, Equatable, Codable, Identifiable {
    public var id: SilenceID
    public var matchers: [LabelMatcher]
    public var startsAt: Instant
    public var endsAt: Instant
    public var author: String
    public var channel: String
    public var comment: String
    /// Set when an operator ended it before `endsAt`.
    public var expiredAt: Instant?
    public var expiredBy: String?

    public init(id: SilenceID, request: SilenceRequest, at instant: Instant) {
        self.id = id
        self.matchers = request.matchers
        self.startsAt = instant
        self.endsAt = instant.adding(seconds: request.durationSeconds)
        self.author = request.actor
        self.channel = request.channel
        self.comment = request.comment
    }

    /// When it stops muting: its end, or when it was expired.
    public var endedAt: Instant { min(expiredAt ?? endsAt, endsAt) }

    public func isActive(at instant: Instant) -> Bool { startsAt <= instant && instant < endedAt }
}
