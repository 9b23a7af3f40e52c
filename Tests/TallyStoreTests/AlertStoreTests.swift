import Foundation
import Testing
import TallyCore
import TallyStore

/// The store keeps what the engine did, and an engine restored from it carries on where the
/// old one stopped, timers included.
struct AlertStoreTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!
    static let rules = AlertRules(fallback: EscalationPolicy(
        name: "big-event", version: 4,
        levels: [.init(targets: ["primary"], delaySeconds: 120), .init(targets: ["lead"], delaySeconds: 300)],
        acknowledgementTimeoutSeconds: 900))

    func at(_ seconds: Double) -> Instant { Self.t0.adding(seconds: seconds) }

    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "tally-store-\(UUID().uuidString)/tally.sqlite"
    }

    static func raised(_ key: String) -> AlertRaised {
        AlertRaised(dedupKey: key, severity: .critical, summary: "problem \(key)", source: "hls-monitor",
                    labels: ["event": "wbc-1", "feed": "wbc-1-primary"])
    }

    @Test func anEngineRestoredFromTheStoreResumesItsTimersFromTheStoredTimes() throws {
        let path = Self.temporaryPath()
        var engine = AlertEngine(rules: Self.rules)
        do {
            let store = try AlertStore.open(path: path)
            try store.save(engine.raise(Self.raised("a"), at: at(0)).records, from: engine)
            try store.save(engine.raise(Self.raised("b"), at: at(10)).records, from: engine)
            try store.save(engine.perform(OperatorAction(alertId: 2, action: .ack, actor: "kenji", channel: "key:c1"), at: at(20)).records,
                           from: engine)
        }
        var restored = try AlertStore.open(path: path).restore(rules: Self.rules)
        #expect(restored.alerts == engine.alerts)
        #expect(restored.nextAlertID == 3)
        #expect(restored.nextDeadline() == at(120), "alert 1's level delay runs from when it was raised")
        // Down for ten minutes: alert 1's overdue escalation fires at once, from its own deadline.
        let afterRestart = restored.advance(to: at(600))
        #expect(afterRestart.records.map(\.action) == [.escalated, .paged, .exhausted])
        #expect(afterRestart.records.first?.at == at(120))
        #expect(afterRestart.records.first?.seq == 6, "audit numbers carry on (two raises and their pages, an acknowledgement)")
        #expect(restored.alerts[2]?.acknowledgedBy == "kenji")
    }

    @Test func theAuditTrailReadsBackInOrderAndFilters() throws {
        let store = try AlertStore.inMemory()
        var engine = AlertEngine(rules: Self.rules)
        try store.save(engine.raise(Self.raised("a"), at: at(0)).records, from: engine)
        try store.save(engine.raise(Self.raised("b"), at: at(60)).records, from: engine)
        let escalated = engine.perform(OperatorAction(alertId: 1, action: .escalate, actor: "maria", channel: "key:c1",
                                                      comment: "venue not answering"), at: at(90))
        try store.save(escalated.records, from: engine)
        let all = try store.audit()
        #expect(all.map(\.seq) == [1, 2, 3, 4, 5, 6])
        #expect(Array(all.suffix(2)) == escalated.records)
        #expect(try store.audit(alert: 1).map(\.action) == [.raised, .paged, .escalated, .paged])
        #expect(try store.audit(since: at(30)).map(\.seq) == [3, 4, 5, 6])
        #expect(try store.audit(limit: 1).map(\.seq) == [6])
    }

    @Test func silencesSurviveARestart() throws {
        let path = Self.temporaryPath()
        var engine = AlertEngine(rules: Self.rules)
        do {
            let store = try AlertStore.open(path: path)
            try store.save(engine.raise(Self.raised("a"), at: at(0)).records, from: engine)
            let silenced = engine.createSilence(SilenceRequest(
                matchers: [LabelMatcher(label: "event", equals: "wbc-1")], durationSeconds: 600,
                actor: "maria", channel: "key:c1", comment: "venue maintenance", alertId: 1), at: at(5))
            try store.save(silenced.records, from: engine)
        }
        var restored = try AlertStore.open(path: path).restore(rules: Self.rules)
        #expect(restored.silences[1]?.comment == "venue maintenance")
        #expect(restored.alerts[1]?.silencedBy == 1)
        let opened = restored.raise(Self.raised("c"), at: at(30))
        #expect(opened.notifications.isEmpty, "a new matching alert is silenced after the restart too")
    }

    @Test func aStoreOpensTwiceWithoutRunningItsMigrationsAgain() throws {
        let path = Self.temporaryPath()
        _ = try AlertStore.open(path: path)
        let again = try AlertStore.open(path: path)
        #expect(try again.audit().isEmpty)
    }

    @Test func theKeysOfAppliedActionsSurviveARestartForAWeek() throws {
        let path = Self.temporaryPath()
        let engine = AlertEngine(rules: Self.rules)
        try AlertStore.open(path: path).save([], from: engine, actionKeys: [("old", at(0)), ("recent", at(6 * 86_400)), ("recent", at(6 * 86_400))])
        let reopened = try AlertStore.open(path: path)
        #expect(try reopened.actionKeys(since: at(86_400)) == ["recent"], "a key is kept once, and forgotten after its week")
        #expect(try reopened.actionKeys(since: at(0)) == ["recent"], "forgotten keys stay forgotten")
    }
}
