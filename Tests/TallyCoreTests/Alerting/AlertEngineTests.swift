import Testing
import TallyCore

/// The alert engine with a manual clock: dedup, hold-down, acknowledgement, escalation,
/// flapping, silences and inhibition, each told as a short story with times passed in.
struct AlertEngineTests {
    static let policy = EscalationPolicy(
        name: "big-event", version: 3,
        levels: [.init(targets: ["primary"], delaySeconds: 120), .init(targets: ["lead"], delaySeconds: 300)],
        repeats: 1, acknowledgementTimeoutSeconds: 900)
    static let rules = AlertRules(fallback: policy, holdDownSeconds: 30, flapping: .init(transitions: 4, windowSeconds: 600))

    func at(_ seconds: Double) -> Instant { Fixture.t0.adding(seconds: seconds) }

    static func raised(_ key: String, _ labels: [String: String] = ["event": "wbc-1", "feed": "wbc-1-primary"],
                       severity: Severity = .critical) -> AlertRaised {
        AlertRaised(dedupKey: key, severity: severity, summary: "problem \(key)", source: "hls-monitor", labels: labels)
    }

    static func action(_ kind: ActionKind, _ id: AlertID, by actor: String = "maria", note: String? = nil) -> OperatorAction {
        OperatorAction(alertId: id, action: kind, actor: actor, channel: "key:test", comment: note)
    }

    static func pages(_ outcome: AlertingOutcome) -> [String] {
        outcome.notifications.map { "\($0.action.rawValue) L\($0.level) \($0.targets.joined(separator: "+"))" }
    }

    @Test func aNewAlertPagesLevelOneAndEachTimeoutTheNext() {
        var engine = AlertEngine(rules: Self.rules)
        let opened = engine.raise(Self.raised("feed.stale/a"), at: at(0))
        #expect(Self.pages(opened) == ["trigger L1 primary"])
        #expect(opened.records.map(\.action) == [.raised, .paged])
        #expect(opened.records.last?.detail == "primary", "the page names the level's targets")
        #expect(opened.records.first?.policyVersion == 3)
        let early = engine.advance(to: at(119))
        #expect(early.isEmpty)
        let second = engine.advance(to: at(120))
        #expect(Self.pages(second) == ["trigger L2 lead"])
        #expect(second.records.map(\.channel) == ["timeout", "engine"])
        #expect(second.records.map(\.action) == [.escalated, .paged])
        #expect(engine.nextDeadline() == at(420))
    }

    @Test func aRepeatCountsAndPagesNobodyAgain() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        let repeated = engine.raise(Self.raised("k"), at: at(10))
        #expect(repeated.isEmpty)
        #expect(engine.alerts[1]?.count == 2)
        #expect(engine.alerts[1]?.lastSeenAt == at(10))
    }

    @Test func aClearedSourceResolvesAfterTheHoldDownAndTheKeyThenOpensANewAlert() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        let clearing = engine.clear(AlertCleared(dedupKey: "k"), at: at(10))
        #expect(clearing.records.map(\.action) == [.clearing])
        #expect(engine.alerts[1]?.isOpen == true)
        let resolved = engine.advance(to: at(40))
        #expect(resolved.records.map(\.action) == [.resolved])
        #expect(Self.pages(resolved) == ["resolve L1 primary"])
        #expect(engine.alerts[1]?.resolvedBy == nil)
        let reopened = engine.raise(Self.raised("k"), at: at(50))
        #expect(engine.openByKey["k"] == 2)
        #expect(Self.pages(reopened) == ["trigger L1 primary"])
    }

    @Test func aRecurrenceDuringTheHoldDownKeepsTheSameAlertOpen() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        _ = engine.clear(AlertCleared(dedupKey: "k"), at: at(10))
        let recurred = engine.raise(Self.raised("k"), at: at(20))
        #expect(recurred.records.map(\.action) == [.recurred])
        let later = engine.advance(to: at(60))
        #expect(!later.records.contains { $0.action == .resolved })
        #expect(engine.alerts.count == 1)
    }

    @Test func anAcknowledgementStopsEscalationUntilItsTimeoutThenTheLevelIsPagedAgain() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        let acked = engine.perform(Self.action(.ack, 1, by: "kenji"), at: at(60))
        #expect(Self.pages(acked) == ["acknowledge L1 primary"])
        #expect(acked.records.first?.expiresAt == at(960))
        let quiet = engine.advance(to: at(959))
        #expect(quiet.isEmpty)
        let expired = engine.advance(to: at(960))
        #expect(expired.records.map(\.action) == [.acknowledgementExpired, .paged])
        #expect(Self.pages(expired) == ["trigger L1 primary"])
        #expect(engine.alerts[1]?.state == .triggered)
        #expect(engine.alerts[1]?.acknowledgedBy == nil)
        let climbed = engine.advance(to: at(1080))
        #expect(Self.pages(climbed) == ["trigger L2 lead"])
    }

    @Test func theFirstAcknowledgementOwnsTheAlertAndASecondIsRefused() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        _ = engine.perform(Self.action(.ack, 1, by: "maria"), at: at(5))
        let second = engine.perform(Self.action(.ack, 1, by: "kenji"), at: at(6))
        #expect(second.rejection == "#1 already acknowledged by maria")
        #expect(second.records.isEmpty)
    }

    @Test func aSecondSiteAcknowledgingNamesTheOwnerAndTheirSite() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0), site: "tokyo")
        _ = engine.perform(Self.action(.ack, 1, by: "maria"), at: at(5), site: "los-angeles")
        let second = engine.perform(Self.action(.ack, 1, by: "kenji"), at: at(5), site: "tokyo")
        #expect(second.rejection == "#1 already acknowledged by maria at los-angeles")
        #expect(engine.alerts[1]?.site == "tokyo" && engine.alerts[1]?.acknowledgedSite == "los-angeles")
        _ = engine.perform(Self.action(.unack, 1, by: "maria"), at: at(6), site: "los-angeles")
        #expect(engine.alerts[1]?.acknowledgedSite == nil, "let go, the alert has no owner anywhere")
    }

    @Test func manualEscalationTellsTheNextLevelAtOnceWithTheNote() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        let escalated = engine.perform(Self.action(.escalate, 1, note: "venue not answering"), at: at(30))
        #expect(Self.pages(escalated) == ["trigger L2 lead"])
        #expect(escalated.records.first?.note == "venue not answering")
        #expect(escalated.records.first?.actor == "maria")
        #expect(engine.alerts[1]?.notes == ["maria: venue not answering"])
        #expect(engine.nextDeadline() == at(330))
    }

    @Test func afterTheLastLevelTheChainRepeatsThenIsExhausted() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        let all = engine.advance(to: at(10_000))
        #expect(Self.pages(all) == ["trigger L2 lead", "trigger L1 primary", "trigger L2 lead"])
        #expect(all.records.map(\.action).last == .exhausted)
        #expect(engine.alerts[1]?.escalation.isExhausted == true)
    }

    @Test func aResolvedAlertNeverEscalatesAndActionsOnItAreRefused() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        let resolved = engine.perform(Self.action(.resolve, 1, note: "venue power restored"), at: at(10))
        #expect(resolved.records.first?.stateAfter == .resolved)
        #expect(engine.alerts[1]?.resolvedBy == "maria")
        let later = engine.advance(to: at(800))
        #expect(later.isEmpty)
        let refused = engine.perform(Self.action(.escalate, 1), at: at(801))
        #expect(refused.rejection == "#1 is resolved; nothing to do")
    }

    @Test func aSilencedAlertIsNotPagedNorEscalatedAndTheSilenceExpiresOnTime() throws {
        var engine = AlertEngine(rules: Self.rules)
        let silence = SilenceRequest(matchers: [try LabelMatcher.parse("event=wbc-1")], durationSeconds: 600,
                                     actor: "maria", channel: "key:test", comment: "venue maintenance")
        let created = engine.createSilence(silence, at: at(0))
        #expect(created.records.first?.expiresAt == at(600))
        let opened = engine.raise(Self.raised("k"), at: at(10))
        #expect(opened.notifications.isEmpty)
        #expect(engine.alerts[1]?.silencedBy == 1)
        let held = engine.advance(to: at(599))
        #expect(held.isEmpty, "no escalation while silenced")
        let ended = engine.advance(to: at(600))
        #expect(ended.records.map(\.action) == [.silenceExpired, .unsilenced, .paged])
        #expect(Self.pages(ended) == ["trigger L1 primary"], "level 1 is told once the silence ends")
        let next = engine.advance(to: at(720))
        #expect(Self.pages(next) == ["trigger L2 lead"])
    }

    @Test func anOperatorCanExpireASilenceEarly() throws {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        _ = engine.createSilence(SilenceRequest(matchers: [try LabelMatcher.parse("dedup_key=k")], durationSeconds: 3600,
                                                actor: "maria", channel: "key:test", comment: ""), at: at(5))
        #expect(engine.alerts[1]?.isHeld == true)
        let expired = engine.expireSilence(SilenceExpiry(silenceId: 1, actor: "kenji", channel: "key:test"), at: at(60))
        #expect(expired.records.map(\.action) == [.silenceExpired, .unsilenced])
        #expect(expired.notifications.isEmpty, "level 1 was told before the silence")
        #expect(engine.silences[1]?.expiredBy == "kenji")
        #expect(engine.nextDeadline() == at(180), "the level delay restarts when the silence ends")
    }

    @Test func aFlappingSourceIsMarkedAndStopsRepaging() {
        var engine = AlertEngine(rules: Self.rules)
        var pages: [String] = []
        // Raise and clear every 60 s: each clear outlives the 30 s hold-down, so each raise
        // would open (and page) a new alert.
        for cycle in 0..<5 {
            let start = Double(cycle) * 60
            pages += Self.pages(engine.raise(Self.raised("k"), at: at(start)))
            pages += Self.pages(engine.clear(AlertCleared(dedupKey: "k"), at: at(start + 10)))
            pages += Self.pages(engine.advance(to: at(start + 45))).filter { $0.hasPrefix("trigger") }
        }
        #expect(pages.filter { $0.hasPrefix("trigger") }.count == 2, "paged for the first two alerts only")
        let flapping = engine.alerts.values.filter(\.isFlapping)
        #expect(flapping.count == 1)
        #expect(flapping.first?.isOpen == true, "a flapping alert does not resolve while it flaps")
        let calm = engine.advance(to: at(2000))
        #expect(calm.records.map(\.action).contains(.stable))
        #expect(calm.records.map(\.action).contains(.resolved))
    }

    @Test func aSourceFlappingOutOfTimeOrderStillSettles() {
        var engine = AlertEngine(rules: Self.rules)
        // The same raises and clears, arriving latest first (envelopes replayed out of order):
        // the review of the flapping once came round at the same moment for ever.
        for cycle in (0..<5).reversed() {
            let start = Double(cycle) * 60
            _ = engine.raise(Self.raised("k"), at: at(start))
            _ = engine.clear(AlertCleared(dedupKey: "k"), at: at(start + 10))
        }
        let calm = engine.advance(to: at(2000))
        #expect(engine.alerts.values.allSatisfy { !$0.isFlapping })
        #expect(engine.nextDeadline().map { $0 > at(2000) } ?? true, "no timer left behind the clock")
        #expect(!calm.records.isEmpty)
    }

    @Test func aDownFeedMutesItsOwnDerivedAlertsUntilItResolves() {
        var engine = AlertEngine(rules: Self.rules)
        let labels = ["event": "wbc-1", "feed": "wbc-1-primary"]
        var stale = Self.raised("feed.stale/wbc-1-primary", labels)
        stale.class = "feed.stale"
        var down = Self.raised("feed.down/wbc-1-primary", labels)
        down.class = "feed.down"
        var otherFeed = Self.raised("feed.stale/wbc-1-backup", ["event": "wbc-1", "feed": "wbc-1-backup"])
        otherFeed.class = "feed.stale"
        _ = engine.raise(stale, at: at(0))
        let downOpened = engine.raise(down, at: at(10))
        #expect(downOpened.records.map(\.action) == [.raised, .paged, .inhibited])
        #expect(engine.alerts[1]?.inhibitedBy == 2)
        let unrelated = engine.raise(otherFeed, at: at(20))
        #expect(Self.pages(unrelated) == ["trigger L1 primary"], "another feed is not muted")
        let muted = engine.advance(to: at(125))
        #expect(!muted.notifications.contains { $0.alertId == 1 }, "a muted alert does not escalate")
        _ = engine.advance(to: at(200))
        let resolved = engine.perform(Self.action(.resolve, 2), at: at(200))
        #expect(resolved.records.map(\.action) == [.resolved, .released])
        #expect(engine.alerts[1]?.inhibitedBy == nil)
    }

    @Test func policiesAreChosenByMatchersAndAnAlertKeepsItsPolicyVersion() throws {
        let audience = EscalationPolicy(name: "audience", version: 7, levels: [.init(targets: ["qoe"], delaySeconds: 60)],
                                        acknowledgementTimeoutSeconds: 600)
        var rules = Self.rules
        rules.routes = [.init(matchers: [try LabelMatcher.parse("team=audience"), try LabelMatcher.parse("severity=~critical|error")],
                              policy: audience)]
        var engine = AlertEngine(rules: rules)
        _ = engine.raise(Self.raised("a", ["team": "audience"]), at: at(0))
        _ = engine.raise(Self.raised("b", ["team": "audience"], severity: .warning), at: at(0))
        #expect(engine.alerts[1]?.escalation.policy.name == "audience")
        #expect(engine.alerts[2]?.escalation.policy.name == "big-event")
        engine.rules.routes[0].policy.version = 8
        #expect(engine.alerts[1]?.escalation.policy.version == 7)
    }

    @Test func actionsByDedupKeyFindTheOpenAlert() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("a"), at: at(0))
        _ = engine.raise(Self.raised("b"), at: at(0))
        let acked = engine.perform(OperatorAction(alertId: 0, dedupKey: "b", action: .ack, actor: "dev", channel: "api"), at: at(1))
        #expect(acked.rejection == nil)
        #expect(engine.alerts[2]?.acknowledgedBy == "dev")
    }

    @Test func alertsGroupByTheirEvent() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("a", ["event": "wbc-1"]), at: at(0))
        _ = engine.raise(Self.raised("b", ["event": "wbc-1"]), at: at(0))
        _ = engine.raise(Self.raised("c", ["event": "wbc-2"]), at: at(0))
        #expect(engine.groups[["wbc-1"]]?.sorted() == [1, 2])
        #expect(engine.groups[["wbc-2"]] == [3])
    }

    @Test func everyNotificationAttemptGoesIntoTheAuditTrail() {
        var engine = AlertEngine(rules: Self.rules)
        _ = engine.raise(Self.raised("k"), at: at(0))
        let outcome = NotificationOutcome(alertId: 1, dedupKey: "k", notifier: "pagerduty", action: .trigger, level: 1,
                                          attempt: 2, delivered: false, detail: "HTTP 500")
        let recorded = engine.recordNotification(outcome, at: at(3))
        #expect(recorded.records.map(\.action) == [.notified])
        #expect(recorded.records.first?.detail == "trigger attempt 2: failed, HTTP 500")
        #expect(recorded.records.first?.actor == "pagerduty")
        #expect(recorded.records.first?.seq == 3, "after the raise and its page")
    }
}
