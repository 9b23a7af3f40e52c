/// One alert's way up its escalation chain: pure, with time passed in. Unacknowledged, it
/// climbs a level each time a level's delay runs out, runs the chain again `repeats` times,
/// then is exhausted. An acknowledgement stops the climb until the acknowledgement times
/// out; resolution ends it for good.
public struct Escalation: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Equatable, Codable {
        case triggered, acknowledged, resolved
    }

    /// Something that happened to the alert on its way, for notifiers and the audit log.
    public enum Step: Sendable, Equatable, Codable {
        /// `level` (from 1) was reached in pass `round` (from 0) and its targets must be told.
        case reached(level: Int, round: Int, targets: [String], manual: Bool)
        /// The acknowledgement ran out while the alert was still unresolved.
        case acknowledgementExpired
        /// Every level of every pass timed out with nobody acknowledging.
        case exhausted
    }

    public let policy: EscalationPolicy
    public private(set) var status: Status = .triggered
    /// The level reached, from 1.
    public private(set) var level = 1
    /// The pass through the chain, from 0.
    public private(set) var round = 0
    public private(set) var isExhausted = false
    /// When the current level was reached (or escalation resumed after an acknowledgement).
    public private(set) var levelSince: Instant
    public private(set) var acknowledgedAt: Instant?

    /// An alert newly triggered at `instant`: level 1 is told at once.
    public static func trigger(policy: EscalationPolicy, at instant: Instant) -> (Escalation, [Step]) {
        let escalation = Escalation(policy: policy, levelSince: instant)
        return (escalation, [escalation.reachedStep(manual: false)])
    }

    private init(policy: EscalationPolicy, levelSince: Instant) {
        self.policy = policy
        self.levelSince = levelSince
    }

    enum CodingKeys: String, CodingKey {
        case policy, status, level, round, isExhausted, levelSince, acknowledgedAt
    }

    /// Read back from a store, a snapshot or a recording: a level outside the policy's chain
    /// is refused here, so that no lookup of the current level can fall off the end.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        policy = try container.decode(EscalationPolicy.self, forKey: .policy)
        status = try container.decode(Status.self, forKey: .status)
        level = try container.decode(Int.self, forKey: .level)
        round = try container.decode(Int.self, forKey: .round)
        isExhausted = try container.decode(Bool.self, forKey: .isExhausted)
        levelSince = try container.decode(Instant.self, forKey: .levelSince)
        acknowledgedAt = try container.decodeIfPresent(Instant.self, forKey: .acknowledgedAt)
        guard (1...policy.levels.count).contains(level) else {
            throw DecodingError.dataCorruptedError(forKey: .level, in: container,
                                                   debugDescription: "level \(level) is outside the policy's 1…\(policy.levels.count)")
        }
        guard (0...policy.repeats).contains(round) else {
            throw DecodingError.dataCorruptedError(forKey: .round, in: container, debugDescription: "round \(round) is outside 0…\(policy.repeats)")
        }
    }

    /// When the next timer runs out, if any: the level's delay, or the acknowledgement's timeout.
    public var nextDeadline: Instant? {
        switch status {
        case .resolved: return nil
        case .acknowledged: return acknowledgedAt?.adding(seconds: policy.acknowledgementTimeoutSeconds)
        case .triggered: return isExhausted ? nil : levelSince.adding(seconds: policy.levels[level - 1].delaySeconds)
        }
    }

    /// Runs every timer that has run out by `now`, in order.
    public mutating func advance(to now: Instant) -> [Step] {
        var steps: [Step] = []
        while let deadline = nextDeadline, deadline <= now {
            if status == .acknowledged {
                status = .triggered
                acknowledgedAt = nil
                levelSince = deadline
                steps.append(.acknowledgementExpired)
            } else {
                steps += climb(at: deadline, manual: false)
            }
        }
        return steps
    }

    /// An operator owns the alert: escalation stops. False when there is nothing to acknowledge.
    public mutating func acknowledge(at instant: Instant) -> Bool {
        guard status == .triggered else { return false }
        status = .acknowledged
        acknowledgedAt = instant
        return true
    }

    /// The owner lets go: the alert is triggered again and its level's delay starts afresh.
    public mutating func unacknowledge(at instant: Instant) -> Bool {
        guard status == .acknowledged else { return false }
        status = .triggered
        acknowledgedAt = nil
        levelSince = instant
        return true
    }

    /// An operator hands the alert up now: the next level is told (the first again after the
    /// last, as a new pass). An acknowledged alert stays acknowledged.
    public mutating func escalate(at instant: Instant) -> [Step] {
        guard status != .resolved else { return [] }
        return climb(at: instant, manual: true)
    }

    /// Escalation was held (silenced, inhibited, flapping) and resumes now: a triggered alert's
    /// level delay starts afresh, and an acknowledgement overdue meanwhile runs out now.
    public mutating func resume(at instant: Instant) {
        switch status {
        case .triggered:
            levelSince = instant
        case .acknowledged:
            let earliest = instant.adding(seconds: -policy.acknowledgementTimeoutSeconds)
            if let since = acknowledgedAt, since < earliest { acknowledgedAt = earliest }
        case .resolved:
            break
        }
    }

    /// The alert is over: nothing will escalate it again.
    public mutating func resolve(at instant: Instant) {
        status = .resolved
    }

    private mutating func climb(at instant: Instant, manual: Bool) -> [Step] {
        levelSince = instant
        if level < policy.levels.count {
            level += 1
        } else if round < policy.repeats || manual {
            round += 1
            level = 1
        } else {
            isExhausted = true
            return [.exhausted]
        }
        isExhausted = false
        return [reachedStep(manual: manual)]
    }

    private func reachedStep(manual: Bool) -> Step {
        .reached(level: level, round: round, targets: policy.levels[level - 1].targets, manual: manual)
    }
}
