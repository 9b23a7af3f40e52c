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

    public init(name: String, version: Int = 1, levels: [Level], repeats: Int = 0, acknowledgementTimeoutSeconds: Double) {
        precondition(!levels.isEmpty, "a policy has at least one level")
        self.name = name
        self.version = version
        self.levels = levels
        self.repeats = repeats
        self.acknowledgementTimeoutSeconds = acknowledgementTimeoutSeconds
    }
}
