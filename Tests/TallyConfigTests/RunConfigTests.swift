import Foundation
import Testing
import TallyConfig
import TallyCore

/// `tally.yaml`: the events and feeds a live console watches, and its viewer sources.
struct RunConfigTests {
    static let valid = """
        site: los-gatos
        alerting: alerting.yaml
        events:
          - id: wbc-01
            title: Japan v Korea
            venue: Tokyo Dome
            tier: big-bet
            start: 2026-03-14T19:00:00Z
            end: 2026-03-14T22:00:00Z
            feeds:
              - name: primary
                role: primary
                path: fibre
                hop: origin
                team: boc-ingest
                url: https://origin.example/wbc-01/primary/index.m3u8
                thresholds: {stale_down: 4, missing_variant: 5m}
              - {name: backup, role: backup, url: "http://origin.example/wbc-01/backup/index.m3u8"}
        viewers:
          - event: wbc-01
            every: 10s
            drop: 0.3
            prometheus: {url: "http://metrics.example/metrics", metric: concurrent_viewers, match: ['event="wbc-01"'], by: cdn}
        """

    @Test func aValidFileGivesEventsFeedsAndViewerSources() throws {
        let config = try RunConfig.parse(Self.valid, file: "/etc/tally/tally.yaml")
        #expect(config.site == "los-gatos")
        #expect(config.alertingPath == "/etc/tally/alerting.yaml")
        #expect(config.events.map(\.eventId) == ["wbc-01"])
        #expect(config.events.first?.tier == .bigBet)
        #expect(config.events.first?.feeds.map(\.feedId) == ["wbc-01-primary", "wbc-01-backup"])
        let primary = try #require(config.feeds["wbc-01-primary"])
        #expect(primary.descriptor.team == "boc-ingest")
        #expect(primary.descriptor.hop == .origin)
        #expect(config.feeds["wbc-01-backup"]?.descriptor.stage == .contribution, "a feed without a hop is a venue contribution path")
        #expect(primary.thresholds.staleDown == 4)
        #expect(primary.thresholds.missingVariantSeconds == 300)
        #expect(primary.thresholds.staleWarning == 1.5, "unset thresholds keep DOMAIN.md's defaults")
        #expect(config.viewers.first?.intervalSeconds == 10)
        #expect(config.viewers.first?.query == .prometheus(url: "http://metrics.example/metrics", metric: "concurrent_viewers",
                                                          matchers: [LabelMatcher(label: "event", equals: "wbc-01")], breakdown: ["cdn"]))
    }

    @Test(arguments: [
        ("events:\n  - id: a\n    title: t\n    start: 2026-03-14T19:00:00Z\n    end: 2026-03-14T18:00:00Z\n    feeds: []\n",
         "tally.yaml:5: events[0].end: must be after start"),
        ("events:\n  - id: a\n    title: t\n    start: 2026-03-14T19:00:00Z\n    end: 2026-03-14T20:00:00Z\n    feeds:\n      - {name: p, role: main, url: http://x/i.m3u8}\n",
         "tally.yaml:7: events[0].feeds[0].role: \"main\" is not a role (primary, backup or contribution)"),
        ("events:\n  - id: a\n    title: t\n    start: 2026-03-14T19:00:00Z\n    end: 2026-03-14T20:00:00Z\n    feeds:\n      - {name: p, role: primary, url: ftp://x/i.m3u8}\n",
         "tally.yaml:7: events[0].feeds[0].url: \"ftp://x/i.m3u8\" is not an http:// or https:// address"),
        ("events:\n  - id: a\n    title: t\n    start: 2026-03-14T19:00:00Z\n    end: 2026-03-14T20:00:00Z\n    feeds:\n      - {name: p, role: primary, hop: cdn, url: http://x/i.m3u8}\n",
         "tally.yaml:7: events[0].feeds[0].hop: \"cdn\" is not a hop (contribution, ingest, origin or edge)"),
        ("events: []\nviewers:\n  - event: nope\n    json: {url: http://x, pointer: /a}\n",
         "tally.yaml:3: viewers[0].event: no event \"nope\" in events"),
        ("events: []\nviewers:\n  - event: a\n", "tally.yaml:3: viewers[0]: give exactly one of prometheus or json"),
        ("events: []\nviewers:\n  - event: a\n    prometheus: {url: http://x, metric: m, by: [\"c d n\"]}\n",
         "tally.yaml:4: viewers[0].prometheus.by: \"c d n\" is not a label name (letters, digits and _)"),
        ("content: {budget: 100}\nevents: []\n", "tally.yaml:1: content.budget: \"100\" is not a share of one core (0.01…64)"),
        ("events:\n  - id: a\n    title: t\n    start: 2026-03-14T19:00:00Z\n    end: 2026-03-14T20:00:00Z\n    feeds:\n      - {name: p, role: primary, url: http://x/i.m3u8, content: sometimes}\n",
         "tally.yaml:7: events[0].feeds[0].content: expected off or {every: DURATION}, not \"sometimes\""),
        ("events:\n  - id: a\n    title: t\n    start: 2026-03-14T19:00:00Z\n    end: 2026-03-14T20:00:00Z\n    feeds:\n      - {name: p, role: primary, url: http://x/i.m3u8, content: {every: 0s}}\n",
         "tally.yaml:7: events[0].feeds[0].content.every: \"0s\" is outside 1s…3600s"),
    ])
    func eachMistakeIsNamedWithFileAndLine(text: String, expected: String) {
        do {
            _ = try RunConfig.parse(text, file: "tally.yaml")
            Issue.record("accepted a bad configuration")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func contentChecksHaveABudgetAndAnIntervalOrAreOff() throws {
        let text = """
            content: {budget: 0.5}
            events:
              - id: a
                title: t
                start: 2026-03-14T19:00:00Z
                end: 2026-03-14T20:00:00Z
                feeds:
                  - {name: p, role: primary, url: "http://x/p.m3u8", content: {every: 4s}}
                  - {name: b, role: backup, url: "http://x/b.m3u8", content: off}
                  - {name: c, role: contribution, url: "http://x/c.m3u8"}
            """
        let config = try RunConfig.parse(text, file: "tally.yaml")
        #expect(config.contentBudget == 0.5)
        #expect(config.feeds["a-p"]?.contentEverySeconds == 4)
        #expect(config.feeds["a-b"]?.contentEverySeconds == nil)
        #expect(config.feeds["a-c"]?.contentEverySeconds == 10, "every 10 s unless said")
        #expect(try RunConfig.parse("events: []\n", file: "tally.yaml").contentBudget == 0.25)
        let latency = try RunConfig.parse(text.replacingOccurrences(of: "    feeds:", with: "    latency: {target: 30s}\n    feeds:"), file: "tally.yaml")
        #expect(latency.feeds.values.map(\.thresholds.latencyTargetSeconds) == [30, 30, 30], "the event's target for each of its feeds")
        #expect(config.feeds["a-p"]?.thresholds.latencyTargetSeconds == nil)
    }

    @Test func theREADMEExampleIsValid() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Live configuration").dropFirst().first)
        let example = try #require(section.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let config = try RunConfig.parse(example, file: "README.md")
        #expect(config.feeds.count == 4)
        #expect(Set(config.feeds.values.map(\.descriptor.stage)) == [.contribution, .origin, .edge])
    }
}
