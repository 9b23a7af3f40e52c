import Testing
import TallyConfig
import TallyCore

/// `alerting.yaml`: policies, routes, inhibitions and notifiers, and a clear file:line error
/// for each way it can be wrong.
struct AlertingConfigTests {
    static let valid = """
        policies:
          - name: big-event
            version: 3
            ack_timeout: 20m
            repeat: 2
            levels:
              - targets: rotation:primary
                delay: 5m
              - targets: [rotation:lead, person:rosa]
                delay: 10m
          - name: audience
            levels:
              - {targets: [rotation:qoe], delay: 90s}
        default_policy: big-event
        routes:
          - match: ['team="audience"', 'severity=~"critical|error"']
            policy: audience
        inhibit:
          - source: ['alertname="feed.down"']
            target: ['alertname=~"feed\\.(stale|bitrate)"']
            equal: [feed]
        hold_down: 45s
        flapping: {transitions: 6, window: 15m}
        notifiers:
          - name: pagerduty
            type: pagerduty
            routing_key: R0UTINGKEY
            timeout: 4s
            retries: 2
          - name: pager-script
            type: command
            command: [/usr/local/bin/page, --urgent]
            targets: [rotation:lead]
        """

    @Test func aValidFileGivesPoliciesRoutesInhibitionsAndNotifiers() throws {
        let config = try AlertingConfig.parse(Self.valid, file: "alerting.yaml")
        let rules = config.rules
        #expect(rules.fallback.name == "big-event")
        #expect(rules.fallback.version == 3)
        #expect(rules.fallback.acknowledgementTimeoutSeconds == 1200)
        #expect(rules.fallback.repeats == 2)
        #expect(rules.fallback.levels.map(\.targets) == [["rotation:primary"], ["rotation:lead", "person:rosa"]])
        #expect(rules.fallback.levels.map(\.delaySeconds) == [300, 600])
        #expect(rules.policy(for: ["team": "audience", "severity": "critical"]).name == "audience")
        #expect(rules.policy(for: ["team": "audience", "severity": "warning"]).name == "big-event")
        #expect(rules.inhibitions.first?.equal == ["feed"])
        #expect(rules.inhibitions.first?.target.first?.matches(["alertname": "feed.stale"]) == true)
        #expect(rules.holdDownSeconds == 45)
        #expect(rules.flapping == AlertRules.Flapping(transitions: 6, windowSeconds: 900))
        #expect(config.notifiers.map(\.name) == ["pagerduty", "pager-script"])
        #expect(config.notifiers[0].kind == .pagerDuty(url: "https://events.pagerduty.com/v2/enqueue", routingKey: "R0UTINGKEY"))
        #expect(config.notifiers[0].timeoutSeconds == 4)
        #expect(config.notifiers[1].kind == .command(arguments: ["/usr/local/bin/page", "--urgent"]))
        #expect(config.notifiers[1].accepts(["rotation:lead"]) && !config.notifiers[1].accepts(["rotation:primary"]))
    }

    @Test(arguments: [
        ("policies: []\n", "alerting.yaml:1: policies: at least one policy is needed"),
        ("policies:\n  - name: a\n    levels:\n      - targets: x\n        delay: soon\n",
         "alerting.yaml:5: policies[0].levels[0].delay: \"soon\" is not a duration (write 90s, 5m, 1h or 1d)"),
        ("policies:\n  - name: a\n    levels: []\n", "alerting.yaml:3: policies[0].levels: a policy needs at least one level"),
        ("policies:\n  - name: a\n    levels: [{targets: x, delay: 1m}]\n    colour: red\n",
         "alerting.yaml:4: policies[0].colour: unknown key (expected ack_timeout, levels, name, repeat, version)"),
        ("policies:\n  - name: a\n    levels: [{targets: x, delay: 1m}]\nroutes:\n  - match: ['team=x']\n    policy: b\n",
         "alerting.yaml:6: routes[0].policy: no policy named \"b\" (defined: a)"),
        ("policies:\n  - name: a\n    levels: [{targets: x, delay: 1m}]\nroutes:\n  - match: ['team']\n    policy: a\n",
         "alerting.yaml:5: routes[0].match[0]: \"team\" is not a matcher; write name=value, name!=value, name=~regex, name!~regex or name>=number"),
        ("policies:\n  - name: a\n    levels: [{targets: x, delay: 1m}]\nnotifiers:\n  - name: n\n    type: command\n    command: page --urgent\n",
         "alerting.yaml:7: notifiers[0].command: give a list such as [/usr/local/bin/page, --urgent]; no shell is used"),
        ("policies:\n  - name: a\n    levels: [{targets: x, delay: 1m}]\nnotifiers:\n  - name: n\n    type: pagerduty\n",
         "alerting.yaml:5: notifiers[0].routing_key: missing (a pagerduty notifier needs one)"),
        ("policies: [\n", "alerting.yaml:2: not valid YAML: did not find expected node content"),
    ])
    func eachMistakeIsNamedWithFileAndLine(text: String, expected: String) {
        #expect(throws: ConfigProblem.self) { try AlertingConfig.parse(text, file: "alerting.yaml") }
        do {
            _ = try AlertingConfig.parse(text, file: "alerting.yaml")
        } catch {
            #expect(error.description == expected)
        }
    }
}
