import Foundation
import Testing
import TallyConfig
import TallyCore

/// Values no operator means (a delay of 1e300 hours, a step at end+1e300m, an infinite
/// threshold) are refused with `file:line: key`, so `tally check` refuses what the hub would.
struct AbsurdValueTests {
    static let levels = "    levels:\n      - targets: x\n        delay: "

    @Test(arguments: [
        ("policies:\n  - name: a\n" + levels + "1e300h\n",
         "alerting.yaml:5: policies[0].levels[0].delay: \"1e300h\" is outside 0s…10 years"),
        ("policies:\n  - name: a\n" + levels + "-5m\n", "alerting.yaml:5: policies[0].levels[0].delay: \"-5m\" is outside 0s…10 years"),
        ("policies:\n  - name: a\n" + levels + "nan\n", "alerting.yaml:5: policies[0].levels[0].delay: \"nan\" is not a duration (write 90s, 5m, 1h or 1d)"),
        ("policies:\n  - name: a\n" + levels + "infs\n", "alerting.yaml:5: policies[0].levels[0].delay: \"infs\" is not a duration (write 90s, 5m, 1h or 1d)"),
        ("policies:\n  - name: a\n    levels: [{targets: x, delay: 1m}]\nhold_down: 1e300h\n", "alerting.yaml:4: hold_down: \"1e300h\" is outside 0s…10 years"),
        ("policies:\n  - name: a\n    ack_timeout: 11000d\n    levels: [{targets: x, delay: 1m}]\n",
         "alerting.yaml:3: policies[0].ack_timeout: \"11000d\" is outside 0s…10 years"),
        ("policies:\n  - name: a\n    repeat: 1000000000000000000\n    levels: [{targets: x, delay: 1m}]\n",
         "alerting.yaml:3: policies[0].repeat: expected a whole number from 0 to 1000000, not \"1000000000000000000\""),
        ("policies:\n  - name: a\n    levels: [{targets: x, delay: 1m}]\nflapping: {transitions: 3, window: 1e20s}\n",
         "alerting.yaml:4: flapping.window: \"1e20s\" is outside 0s…10 years"),
    ])
    func anAbsurdAlertingValueIsRefusedWithFileAndLine(text: String, expected: String) {
        #expect(throws: ConfigProblem.self) { try AlertingConfig.parse(text, file: "alerting.yaml") }
        do {
            _ = try AlertingConfig.parse(text, file: "alerting.yaml")
        } catch {
            #expect(error.description == expected)
        }
    }

    static func runConfig(_ extra: String, feedExtra: String = "") -> String {
        """
        rundown:
          - {at: \(extra), name: wrap}
        events:
          - id: e1
            title: E
            venue: V
            tier: 1
            start: 2026-03-14T19:00:00Z
            end: 2026-03-14T22:00:00Z
            feeds:
              - {name: p, role: primary, url: "http://127.0.0.1/i.m3u8"\(feedExtra)}
        """
    }

    @Test(arguments: [
        (runConfig("end+1e300m"), "tally.yaml:2: rundown[0].at: \"1e300m\" is outside 0s…10 years (write T-60m, T0, T+5m, end or end+30m)"),
        (runConfig("T-99999999d"), "tally.yaml:2: rundown[0].at: \"99999999d\" is outside 0s…10 years (write T-60m, T0, T+5m, end or end+30m)"),
        (runConfig("end", feedExtra: ", thresholds: {stale_down: .inf}"),
         "tally.yaml:11: events[0].feeds[0].thresholds.stale_down: \".inf\" is not a positive number (0…1000)"),
        (runConfig("end", feedExtra: ", thresholds: {missing_variant: 1e300s}"),
         "tally.yaml:11: events[0].feeds[0].thresholds.missing_variant: \"1e300s\" is outside 0s…10 years"),
    ])
    func anAbsurdRunValueIsRefusedWithFileAndLine(text: String, expected: String) {
        do {
            _ = try RunConfig.parse(text, file: "tally.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func aMissingAlertingFileIsNamedAtTheLineThatNamesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("absurd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("tally.yaml").path
        try ("site: lg\nalerting: nowhere.yaml\n" + Self.runConfig("end")).write(toFile: file, atomically: true, encoding: .utf8)
        guard case .failure(let problem) = ConsoleConfig.check(file: file) else {
            Issue.record("a missing alerting file was accepted")
            return
        }
        #expect(problem.description == "\(file):2: alerting: no file at \(folder.path)/nowhere.yaml")
    }
}
