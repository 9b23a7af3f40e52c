import TallyCore
import Yams

/// The alerting configuration (`alerting.yaml`, schema in README.md, "Alerting"): escalation
/// policies, the routes choosing them, inhibition rules, timings, and the notifiers.
public struct AlertingConfig: Sendable, Equatable {
    public var rules: AlertRules
    public var notifiers: [NotifierSettings]

    public init(rules: AlertRules = .standard, notifiers: [NotifierSettings] = []) {
        self.rules = rules
        self.notifiers = notifiers
    }

    /// Parses `text` (the contents of `file`), refusing anything unknown or malformed.
    public static func parse(_ text: String, file: String) throws(ConfigProblem) -> AlertingConfig {
        let reader = YAMLReader(file: file)
        let root = try reader.root(text)
        let top = try reader.mapping(root, at: "", allowed: [
            "policies", "default_policy", "routes", "inhibit", "hold_down", "flapping", "group_by", "notifiers",
        ], required: ["policies"])
        var policies: [String: EscalationPolicy] = [:]
        var order: [String] = []
        for (index, node) in try reader.sequence(top["policies"]!, at: "policies").enumerated() {
            let policy = try parsePolicy(node, at: "policies[\(index)]", reader: reader)
            guard policies[policy.name] == nil else { throw reader.problem(node, "policies[\(index)].name: \"\(policy.name)\" is defined twice") }
            policies[policy.name] = policy
            order.append(policy.name)
        }
        guard let first = order.first else { throw reader.problem(top["policies"]!, "policies: at least one policy is needed") }
        func policy(named node: Node, at path: String) throws(ConfigProblem) -> EscalationPolicy {
            let name = try reader.string(node, at: path)
            guard let policy = policies[name] else {
                throw reader.problem(node, "\(path): no policy named \"\(name)\" (defined: \(order.joined(separator: ", ")))")
            }
            return policy
        }
        var rules = AlertRules(fallback: policies[first]!)
        if let node = top["default_policy"] { rules.fallback = try policy(named: node, at: "default_policy") }
        if let node = top["routes"] {
            for (index, item) in try reader.sequence(node, at: "routes").enumerated() {
                let path = "routes[\(index)]"
                let fields = try reader.mapping(item, at: path, allowed: ["match", "policy"], required: ["match", "policy"])
                rules.routes.append(AlertRules.Route(matchers: try matchers(fields["match"]!, at: path + ".match", reader: reader),
                                                     policy: try policy(named: fields["policy"]!, at: path + ".policy")))
            }
        }
        if let node = top["inhibit"] {
            rules.inhibitions = []
            for (index, item) in try reader.sequence(node, at: "inhibit").enumerated() {
                let path = "inhibit[\(index)]"
                let fields = try reader.mapping(item, at: path, allowed: ["source", "target", "equal"], required: ["source", "target"])
                rules.inhibitions.append(InhibitionRule(
                    source: try matchers(fields["source"]!, at: path + ".source", reader: reader),
                    target: try matchers(fields["target"]!, at: path + ".target", reader: reader),
                    equal: try fields["equal"].map { node throws(ConfigProblem) in try reader.strings(node, at: path + ".equal") } ?? []))
            }
        }
        if let node = top["hold_down"] { rules.holdDownSeconds = try reader.duration(node, at: "hold_down") }
        if let node = top["flapping"] {
            let fields = try reader.mapping(node, at: "flapping", allowed: ["transitions", "window"], required: ["transitions", "window"])
            rules.flapping = AlertRules.Flapping(transitions: try reader.integer(fields["transitions"]!, at: "flapping.transitions", minimum: 2),
                                                 windowSeconds: try reader.duration(fields["window"]!, at: "flapping.window"))
        }
        if let node = top["group_by"] { rules.groupBy = try reader.strings(node, at: "group_by") }
        var notifiers: [NotifierSettings] = []
        if let node = top["notifiers"] {
            for (index, item) in try reader.sequence(node, at: "notifiers").enumerated() {
                let notifier = try NotifierParser.parse(item, at: "notifiers[\(index)]", reader: reader)
                guard !notifiers.contains(where: { $0.name == notifier.name }) else {
                    throw reader.problem(item, "notifiers[\(index)].name: \"\(notifier.name)\" is defined twice")
                }
                notifiers.append(notifier)
            }
        }
        return AlertingConfig(rules: rules, notifiers: notifiers)
    }

    private static func parsePolicy(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> EscalationPolicy {
        let fields = try reader.mapping(node, at: path, allowed: ["name", "version", "levels", "repeat", "ack_timeout"],
                                        required: ["name", "levels"])
        var levels: [EscalationPolicy.Level] = []
        for (index, item) in try reader.sequence(fields["levels"]!, at: path + ".levels").enumerated() {
            let levelPath = "\(path).levels[\(index)]"
            let level = try reader.mapping(item, at: levelPath, allowed: ["targets", "delay"], required: ["targets", "delay"])
            levels.append(EscalationPolicy.Level(targets: try reader.strings(level["targets"]!, at: levelPath + ".targets"),
                                                 delaySeconds: try reader.duration(level["delay"]!, at: levelPath + ".delay")))
        }
        guard !levels.isEmpty else { throw reader.problem(fields["levels"]!, "\(path).levels: a policy needs at least one level") }
        return EscalationPolicy(
            name: try reader.string(fields["name"]!, at: path + ".name"),
            version: try fields["version"].map { node throws(ConfigProblem) in try reader.integer(node, at: path + ".version", minimum: 1) } ?? 1,
            levels: levels,
            repeats: try fields["repeat"].map { node throws(ConfigProblem) in try reader.integer(node, at: path + ".repeat") } ?? 0,
            acknowledgementTimeoutSeconds: try fields["ack_timeout"].map { node throws(ConfigProblem) in
                try reader.duration(node, at: path + ".ack_timeout")
            } ?? 30 * 60)
    }

    /// A list of Alertmanager-style matchers: `team="audience"`, `severity=~"critical|error"`.
    static func matchers(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> [LabelMatcher] {
        var matchers: [LabelMatcher] = []
        for (index, text) in try reader.strings(node, at: path).enumerated() {
            do {
                matchers.append(try LabelMatcher.parse(text))
            } catch {
                throw reader.problem(node.sequence?[index] ?? node, "\(path)[\(index)]: \(error.description)")
            }
        }
        return matchers
    }
}
