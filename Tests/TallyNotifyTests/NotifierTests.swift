import Foundation
import Testing
import TallyCore
import TallyNotify
import TallyTestSupport

/// Notifiers against a real HTTP server on 127.0.0.1 and real programs: the PagerDuty body,
/// retries with a recorded failure for every way a server can fail, and never a hang.
@Suite(.serialized)
struct NotifierTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    /// Collects what the dispatcher publishes.
    final class Published: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [BusEvent] = []
        var all: [BusEvent] { lock.withLock { events } }
        var outcomes: [NotificationOutcome] { all.compactMap { if case .notified(let outcome) = $0 { outcome } else { nil } } }
        func add(_ event: BusEvent) { lock.withLock { events.append(event) } }
    }

    static func notification(_ action: AlertNotification.Action) -> AlertNotification {
        var engine = AlertEngine()
        let raised = AlertRaised(dedupKey: "feed.down/wbc-06-primary", severity: .critical, summary: "down: HTTP 503 ×18",
                                 source: "hls-monitor", component: "wbc-06-primary", group: "wbc-06", class: "feed.down",
                                 labels: ["event": "wbc-06", "feed": "wbc-06-primary"], runbook: "runbooks/feed.down.md")
        _ = engine.raise(raised, at: t0)
        return AlertNotification(action: action, alert: engine.alerts[1]!, targets: ["rotation:primary"], at: t0)
    }

    /// A server whose answer a test can change as it goes.
    static func server(_ answer: TestHTTPServer.Answer) throws -> (TestHTTPServer, Answers) {
        let answers = Answers(answer)
        return (try TestHTTPServer { _ in answers.current }, answers)
    }

    static func status(_ code: Int) -> TestHTTPServer.Answer {
        .body(status: code, contentType: "application/json", bytes: Array("{\"status\":\"\(code)\"}".utf8))
    }

    static func pagerDuty(_ server: TestHTTPServer, timeout: Double = 2, retries: Int = 2) -> NotifierSettings {
        NotifierSettings(name: "pagerduty", kind: .pagerDuty(url: server.url("v2/enqueue"), routingKey: "R0UTINGKEY"),
                         timeoutSeconds: timeout, retries: retries, backoffSeconds: 0.01, failuresBeforeAlert: 2)
    }

    @Test func theWebhookBodyHasTheEventsAPIv2Shape() async throws {
        let (server, _) = try Self.server(Self.status(202))
        defer { server.stop() }
        let published = Published()
        let dispatcher = NotificationDispatcher(notifiers: [Self.pagerDuty(server)], roster: .demo, publish: published.add)
        await dispatcher.send(Self.notification(.trigger))
        await dispatcher.send(Self.notification(.resolve))
        let requests = server.jsonRequests
        #expect(requests.count == 2)
        let trigger = try #require(requests.first)
        #expect(trigger["routing_key"] as? String == "R0UTINGKEY")
        #expect(trigger["event_action"] as? String == "trigger")
        #expect(trigger["dedup_key"] as? String == "feed.down/wbc-06-primary")
        let payload = try #require(trigger["payload"] as? [String: Any])
        #expect(payload["summary"] as? String == "down: HTTP 503 ×18")
        #expect(payload["source"] as? String == "hls-monitor")
        #expect(payload["severity"] as? String == "critical")
        #expect(payload["timestamp"] as? String == "2026-03-14T19:00:00.000Z")
        #expect(payload["component"] as? String == "wbc-06-primary")
        #expect(payload["group"] as? String == "wbc-06")
        #expect(payload["class"] as? String == "feed.down")
        let details = try #require(payload["custom_details"] as? [String: Any])
        #expect(details["level"] as? Int == 1)
        #expect(details["on_call"] as? [String] == ["maria"])
        let resolve = try #require(requests.last)
        #expect(Set(resolve.keys) == ["routing_key", "event_action", "dedup_key"])
        #expect(resolve["event_action"] as? String == "resolve")
        #expect(published.outcomes.map(\.detail) == ["HTTP 202", "HTTP 202"])
        #expect(published.outcomes.allSatisfy { $0.delivered })
    }

    @Test(arguments: [
        (NotifierTests.status(500), "HTTP 500"),
        (.neverAnswer, "no answer within 0.3 s"),
        (.closeConnection, "the server closed the connection without answering"),
    ])
    func aFailingServerIsRetriedThenRecordedAsFailedWithoutHanging(behaviour: TestHTTPServer.Answer, detail: String) async throws {
        let (server, _) = try Self.server(behaviour)
        defer { server.stop() }
        let published = Published()
        // Only the silent server needs the short timeout; the others answer at once, and a
        // longer one keeps a loaded test machine from turning their answer into a timeout.
        let timeout = if case .neverAnswer = behaviour { 0.3 } else { 2.0 }
        let dispatcher = NotificationDispatcher(notifiers: [Self.pagerDuty(server, timeout: timeout)], roster: .demo, publish: published.add)
        let started = ContinuousClock.now
        await dispatcher.send(Self.notification(.trigger))
        // A hang never ends; the slack past the three timeouts and their backoff absorbs a
        // machine loaded by the rest of the run (7.4 s was seen with a release build beside it).
        #expect(ContinuousClock.now - started < .seconds(3 * timeout + 15), "three attempts, each bounded by the timeout")
        let outcomes = published.outcomes
        #expect(outcomes.map(\.attempt) == [1, 2, 3])
        #expect(outcomes.allSatisfy { !$0.delivered })
        #expect(outcomes.last?.detail.hasPrefix(detail) == true, "got \(outcomes.last?.detail ?? "nothing")")
        #expect(server.jsonRequests.count == 3)
    }

    @Test func aNotifierThatKeepsFailingRaisesItsOwnAlertAndClearsItWhenItRecovers() async throws {
        let (failing, switchboard) = try Self.server(Self.status(503))
        defer { failing.stop() }
        let published = Published()
        let dispatcher = NotificationDispatcher(notifiers: [Self.pagerDuty(failing, retries: 0)], roster: .demo, publish: published.add)
        await dispatcher.send(Self.notification(.trigger))
        #expect(!published.all.contains { if case .alertRaised = $0 { true } else { false } }, "one failure is not yet a pattern")
        await dispatcher.send(Self.notification(.resolve))
        let raised = published.all.compactMap { if case .alertRaised(let raised) = $0 { raised } else { nil } }
        #expect(raised.map(\.dedupKey) == [NotificationDispatcher.alertKey(of: "pagerduty")])
        #expect(raised.first?.labels["notifier"] == "pagerduty")
        switchboard.set(Self.status(202))
        await dispatcher.send(Self.notification(.trigger))
        let cleared = published.all.compactMap { if case .alertCleared(let cleared) = $0 { cleared.dedupKey } else { nil } }
        #expect(cleared == [NotificationDispatcher.alertKey(of: "pagerduty")])
    }

    @Test func aCommandGetsTheAlertAsJSONOnItsInputWithoutAShell() async throws {
        let output = NSTemporaryDirectory() + "tally-notify-\(UUID().uuidString).json"
        defer { unlink(output) }
        let published = Published()
        let tee = NotifierSettings(name: "tee", kind: .command(arguments: ["/usr/bin/tee", output]), timeoutSeconds: 5, retries: 0)
        let dispatcher = NotificationDispatcher(notifiers: [tee], roster: .demo, publish: published.add)
        await dispatcher.send(Self.notification(.trigger))
        #expect(published.outcomes.map(\.detail) == ["exit 0"])
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any]
        #expect(written?["dedup_key"] as? String == "feed.down/wbc-06-primary")
        #expect(written?["action"] as? String == "trigger")
        #expect(written?["on_call"] as? [String] == ["maria"])
    }

    @Test(arguments: [(["/bin/false"], "exit 1"), (["/bin/sleep", "30"], "still running after 0.3 s; killed"),
                      (["/no/such/program"], "cannot run /no/such/program")])
    func aFailingCommandIsRetriedAndRecorded(arguments: [String], detail: String) async {
        let published = Published()
        let command = NotifierSettings(name: "page", kind: .command(arguments: arguments), timeoutSeconds: 0.3, retries: 1, backoffSeconds: 0.01)
        let dispatcher = NotificationDispatcher(notifiers: [command], roster: .demo, publish: published.add)
        let started = ContinuousClock.now
        await dispatcher.send(Self.notification(.trigger))
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(published.outcomes.map(\.attempt) == [1, 2])
        #expect(published.outcomes.last?.detail.hasPrefix(detail) == true, "got \(published.outcomes.last?.detail ?? "nothing")")
    }
}
