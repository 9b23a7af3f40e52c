/// An operator silences alerts whose labels match, for a while, with a comment (`silence.create`).
public struct SilenceRequest: Codable, Sendable, Equatable {
    public var matchers: [LabelMatcher]
    public var durationSeconds: Double
    public var actor: String
    public var channel: String
    public var comment: String
    /// The alert the silence was made from, if any.
    public var alertId: AlertID?

    enum CodingKeys: String, CodingKey {
        case matchers
        case durationSeconds = "duration_seconds"
        case actor
        case channel
        case comment
        case alertId = "alert_id"
    }

    public init(matchers: [LabelMatcher], durationSeconds: Double, actor: String, channel: String, comment: String, alertId: AlertID? = nil) {
        self.matchers = matchers
        self.durationSeconds = durationSeconds
        self.actor = actor
        self.channel = channel
        self.comment = comment
        self.alertId = alertId
    }
}

/// An operator ends a silence before its time (`silence.expire`).
public struct SilenceExpiry: Codable, Sendable, Equatable {
    public var silenceId: SilenceID
    public var actor: String
    public var channel: String

    enum CodingKeys: String, CodingKey {
        case silenceId = "silence_id"
        case actor
        case channel
    }

    public init(silenceId: SilenceID, actor: String, channel: String) {
        self.silenceId = silenceId
        self.actor = actor
        self.channel = channel
    }
}
