import TallyCore
import Yams

/// Reads one entry of `notifiers:` in `alerting.yaml`.
enum NotifierParser {
    static let pagerDutyURL = "https://events.pagerduty.com/v2/enqueue"

    static func parse(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> NotifierSettings {
        let fields = try reader.mapping(node, at: path, allowed: [
            "name", "type", "url", "routing_key", "command", "targets", "timeout", "retries", "backoff", "alert_after",
        ], required: ["name", "type"])
        let name = try reader.string(fields["name"]!, at: path + ".name")
        let type = try reader.string(fields["type"]!, at: path + ".type")
        let kind: NotifierSettings.Kind
        switch type {
        case "pagerduty":
            guard let keyNode = fields["routing_key"] else { throw reader.problem(node, "\(path).routing_key: missing (a pagerduty notifier needs one)") }
            let url = try fields["url"].map { node throws(ConfigProblem) in try reader.string(node, at: path + ".url") } ?? pagerDutyURL
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw reader.problem(fields["url"] ?? node, "\(path).url: \"\(url)\" is not an http:// or https:// address")
            }
            kind = .pagerDuty(url: url, routingKey: try reader.string(keyNode, at: path + ".routing_key"))
        case "command":
            guard let commandNode = fields["command"] else { throw reader.problem(node, "\(path).command: missing (the program and its arguments, as a list)") }
            guard commandNode.sequence != nil else {
                throw reader.problem(commandNode, "\(path).command: give a list such as [/usr/local/bin/page, --urgent]; no shell is used")
            }
            kind = .command(arguments: try reader.strings(commandNode, at: path + ".command"))
        default:
            throw reader.problem(fields["type"]!, "\(path).type: \"\(type)\" is not a notifier type (expected pagerduty or command)")
        }
        var settings = NotifierSettings(name: name, kind: kind)
        if let node = fields["targets"] { settings.targets = try reader.strings(node, at: path + ".targets") }
        if let node = fields["timeout"] { settings.timeoutSeconds = max(0.1, try reader.duration(node, at: path + ".timeout")) }
        if let node = fields["retries"] { settings.retries = try reader.integer(node, at: path + ".retries") }
        if let node = fields["backoff"] { settings.backoffSeconds = try reader.duration(node, at: path + ".backoff") }
        if let node = fields["alert_after"] { settings.failuresBeforeAlert = try reader.integer(node, at: path + ".alert_after", minimum: 1) }
        return settings
    }
}
