/// Who is told about an alert, in what order, and how long each level has before the next is
/// told. An alert keeps the policy (and version) it was raised under.
public struct EscalationPolicy: Sendable, Equatable, Codable {
    /// One rung of the chain: its targets are told when the alert reaches it, and the alert
    /// moves on if nobody acknowledges within `delaySeconds`.
    public struct Level: Sendable, Equatable, Codable {
        public var targets: [String]
        public var delaySeconds: Double

        public init(targets: [String], delaySeconds: Double) {
            self.targets = targets
            self.delaySeconds = delaySeconds
        }
    }

    public var name: String
    public var version: Int
    public var levels: [Level]
    /// How many more times the whole chain is run, from level 1, after the last level times out.
    public var repeats: Int
    /// How long an acknowledgement holds while the alert stays unresolved; then it is
    /// triggered again and escalation resumes.
    public var acknowledgementTimeoutSeconds: Double

    enum CodingKeys: String, CodingKey {
        case name, version, levels, repeats, acknowledgementTimeoutSeconds
    }

    /// Read back from a store, a snapshot or a recording, with the checks `alerting.yaml` gets:
    /// at least one level, and every time within `Limits.durationSeconds`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(Int.self, forKey: .version)
        levels = try container.decode([Level].self, forKey: .levels)
        repeats = try container.decode(Int.self, forKey: .repeats)
        acknowledgementTimeoutSeconds = try container.decode(Double.self, forKey: .acknowledgementTimeoutSeconds)
        func refuse(_ key: CodingKeys, _ why: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: why)
        }
        guard !levels.isEmpty else { throw refuse(.levels, "a policy has at least one level") }
        guard Limits.count.contains(repeats) else { throw refuse(.repeats, "\(repeats) is outside \(Limits.count)") }
        guard Limits.durationSeconds.contains(acknowledgementTimeoutSeconds),
              levels.allSatisfy({ Limits.durationSeconds.contains($0.delaySeconds) }) else {
            throw refuse(.levels, "a delay or the acknowledgement timeout is outside 0…10 years")
        }
    }

    public init(name: String, version: Int = 1, levels: [Level], repeats: Int = 0, acknowledgementTimeoutSeconds: Double) {
        precondition(!levels.isEmpty, "a policy has at least one level")
        self.name = name
        self.version = version
        self.levels = levels
        self.repeats = repeats
        self.acknowledgementTimeoutSeconds = acknowledgementTimeoutSeconds
    }
}
