/// How the alert engine treats what sources report: which escalation policy an alert gets,
/// which alerts mute which, how long a cleared source must stay clear before its alert
/// resolves, when an alert counts as flapping, and which labels group alerts together.
public struct AlertRules: Sendable, Equatable, Codable {
    /// A policy for the alerts its matchers accept; the first route that matches wins.
    public struct Route: Sendable, Equatable, Codable {
        public var matchers: [LabelMatcher]
        public var policy: EscalationPolicy

        public init(matchers: [LabelMatcher], policy: EscalationPolicy) {
            self.matchers = matchers
            self.policy = policy
        }
    }

    /// `transitions` changes of the source (firing ↔ clear) within `windowSeconds` make an alert flapping.
    public struct Flapping: Sendable, Equatable, Codable {
        public var transitions: Int
        public var windowSeconds: Double

        public init(transitions: Int, windowSeconds: Double) {
            self.transitions = max(2, transitions)
            self.windowSeconds = windowSeconds
        }
    }

    public var routes: [Route]
    /// The policy of alerts that no route accepts.
    public var fallback: EscalationPolicy
    public var inhibitions: [InhibitionRule]
    public var holdDownSeconds: Double
    public var flapping: Flapping
    public var groupBy: [String]

    public init(
        routes: [Route] = [], fallback: EscalationPolicy = .standard, inhibitions: [InhibitionRule] = AlertRules.standardInhibitions,
        holdDownSeconds: Double = 30, flapping: Flapping = Flapping(transitions: 4, windowSeconds: 600), groupBy: [String] = ["event"]
    ) {
        self.routes = routes
        self.fallback = fallback
        self.inhibitions = inhibitions
        self.holdDownSeconds = holdDownSeconds
        self.flapping = flapping
        self.groupBy = groupBy
    }

    /// The policy for an alert with these (matching) labels.
    public func policy(for labels: [String: String]) -> EscalationPolicy {
        routes.first { $0.matchers.allMatch(labels) }?.policy ?? fallback
    }

    /// The rules used when no configuration says otherwise.
    public static let standard = AlertRules()

    /// A feed that is down mutes its own stale, bitrate, freeze and black alerts.
    public static let standardInhibitions: [InhibitionRule] = {
        do {
            return [InhibitionRule(
                source: [try LabelMatcher("alertname", .equal, "feed.down")],
                target: [try LabelMatcher("alertname", .matches, #"feed\.(stale|bitrate|freeze|black)"#)],
                equal: ["feed"])]
        } catch {
            preconditionFailure("built-in inhibition rule: \(error)")
        }
    }()
}

extension EscalationPolicy {
    /// The built-in chain: the primary on-call, then the secondary, then the broadcast lead;
    /// run twice; an acknowledgement holds for 30 minutes (PagerDuty's default).
    public static let standard = EscalationPolicy(
        name: "default",
        levels: [
            Level(targets: ["rotation:primary"], delaySeconds: 5 * 60),
            Level(targets: ["rotation:secondary"], delaySeconds: 10 * 60),
            Level(targets: ["rotation:lead"], delaySeconds: 15 * 60),
        ],
        repeats: 1, acknowledgementTimeoutSeconds: 30 * 60)
}
