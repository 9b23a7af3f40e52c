/// An envelope's `data` as it arrives from outside (a recording, a console, an ingest line):
/// decoded, then checked, so that no number outside its documented range reaches the core.
public protocol InboundPayload: Decodable {
    /// Refuses a value outside its range, naming its key.
    func check() throws(PayloadProblem)
}

extension InboundPayload {
    public func check() throws(PayloadProblem) {}
}

/// What is wrong with one key of a payload: `duration_seconds: 1e+300 is outside 0…315576000`.
public struct PayloadProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var reason: String

    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "\(key): \(reason)" }

    /// Checks one value against its range under `key`.
    public static func require(_ value: Double, in range: ClosedRange<Double>, _ key: String) throws(PayloadProblem) {
        do { _ = try range.checked(value) } catch { throw PayloadProblem(key: key, reason: error.description) }
    }

    /// Checks that a text is at most `limit` bytes long.
    public static func require(text: String, upTo limit: Int, _ key: String) throws(PayloadProblem) {
        guard text.utf8.count <= limit else { throw PayloadProblem(key: key, reason: "\(text.utf8.count) bytes, longer than \(limit)") }
    }

    /// Checks one whole number against its range under `key`.
    public static func require(_ value: Int, in range: ClosedRange<Int>, _ key: String) throws(PayloadProblem) {
        do { _ = try range.checked(value) } catch { throw PayloadProblem(key: key, reason: error.description) }
    }
}

extension FeedSample: InboundPayload {
    public func check() throws(PayloadProblem) {
        try PayloadProblem.require(targetDuration, in: 0...Double(Limits.targetDuration.upperBound), "target_duration")
        try PayloadProblem.require(playlistAge, in: Limits.durationSeconds, "playlist_age")
        try PayloadProblem.require(mediaSequence, in: Limits.sequence, "media_sequence")
        try PayloadProblem.require(discontinuitySequence, in: Limits.sequence, "discontinuity_sequence")
        try PayloadProblem.require(liveWindow, in: Limits.durationSeconds, "live_window")
        try PayloadProblem.require(segmentDownloadTime, in: Limits.durationSeconds, "segment_download_time")
        try PayloadProblem.require(Double(measuredBitrate), in: Limits.bitrate, "measured_bitrate")
        try PayloadProblem.require(Double(declaredBitrate), in: Limits.bitrate, "declared_bitrate")
        try PayloadProblem.require(errors, in: 0...Limits.sequence.upperBound, "errors")
        if let latency { try PayloadProblem.require(latency, in: -Limits.durationSeconds.upperBound...Limits.durationSeconds.upperBound, "latency") }
    }
}

extension ViewerSample: InboundPayload {
    public func check() throws(PayloadProblem) {
        try PayloadProblem.require(Double(concurrent), in: Limits.audience, "concurrent")
        if let joinsPerMinute { try PayloadProblem.require(Double(joinsPerMinute), in: Limits.audience, "joins_per_minute") }
        if let rebufferingPercent { try PayloadProblem.require(rebufferingPercent, in: Limits.percent, "rebuffering_percent") }
        if let startFailuresPercent { try PayloadProblem.require(startFailuresPercent, in: Limits.percent, "start_failures_percent") }
        guard let shares else { return }
        try PayloadProblem.require(shares.count, in: 0...Self.shareLabelsCap, "shares")
        for (label, values) in shares {
            try PayloadProblem.require(text: label, upTo: 64, "shares")
            try PayloadProblem.require(values.count, in: 0...Self.shareValuesCap, "shares.\(label.prefix(64))")
            for (value, viewers) in values {
                try PayloadProblem.require(text: value, upTo: 64, "shares.\(label)")
                try PayloadProblem.require(Double(viewers), in: Limits.audience, "shares.\(label).\(value)")
            }
        }
    }
}

extension SilenceRequest: InboundPayload {
    public func check() throws(PayloadProblem) {
        try PayloadProblem.require(durationSeconds, in: Limits.durationSeconds, "duration_seconds")
    }
}

extension NotificationOutcome: InboundPayload {
    public func check() throws(PayloadProblem) {
        try PayloadProblem.require(level, in: Limits.count, "level")
        try PayloadProblem.require(attempt, in: Limits.count, "attempt")
    }
}

extension LiveEventScheduled: InboundPayload {
    public func check() throws(PayloadProblem) {
        guard start <= end else { throw PayloadProblem(key: "end", reason: "\(end.rfc3339) is before the start \(start.rfc3339)") }
        for (index, step) in (phases ?? []).enumerated() {
            if let seconds = step.breakSeconds { try PayloadProblem.require(seconds, in: 1...86_400, "phases[\(index)].break_seconds") }
        }
    }
}

extension PhaseChanged: InboundPayload {}
extension FeedHealthChanged: InboundPayload {}
extension AlertRaised: InboundPayload {
    /// The longest label value taken: label regexes run over labels, and stay fast on this.
    public static let longestLabel = 512
    /// The most labels one alert may carry.
    public static let mostLabels = 64

    public func check() throws(PayloadProblem) {
        try PayloadProblem.require(text: dedupKey, upTo: 255, "dedup_key")
        try PayloadProblem.require(text: summary, upTo: 1024, "summary")
        guard labels.count <= Self.mostLabels else { throw PayloadProblem(key: "labels", reason: "\(labels.count) labels, more than \(Self.mostLabels)") }
        for (name, value) in labels.sorted(by: { $0.key < $1.key }) {
            try PayloadProblem.require(text: name, upTo: 128, "labels")
            try PayloadProblem.require(text: value, upTo: Self.longestLabel, "labels.\(name.prefix(40))")
        }
    }
}
extension AlertCleared: InboundPayload {}
extension OperatorAction: InboundPayload {}
extension SilenceExpiry: InboundPayload {}
extension ChecklistTick: InboundPayload {}
extension Reminder: InboundPayload {}
extension HandoverWritten: InboundPayload {}
extension EventCancelled: InboundPayload {}
extension TimersDue: InboundPayload {}
