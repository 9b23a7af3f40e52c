import Testing
import TallyCore

/// Random histories of signals, operator actions, silences and time, checked against the
/// invariants people rely on: a resolved alert never escalates, levels never skip, an
/// acknowledged or silenced alert never escalates on its own, audit numbers strictly increase.
struct AlertEnginePropertyTests {
    /// What the checker remembers of one alert from the audit trail alone.
    struct Seen {
        var resolvedAt: Instant?
        var resolved: Bool { resolvedAt != nil }
        var level = 1
        var round = 0
        var acknowledgedAt: Instant?
        var silenced = false
    }

    @Test(arguments: 0..<150)
    func invariantsHoldOverRandomHistories(seed: UInt64) throws {
        var random = SplitMix(seed: seed &+ 7_000)
        var engine = AlertEngine(rules: AlertEngineTests.rules)
        let keys = ["a", "b", "c", "d"]
        var now = 0.0
        var lastSeq: Int64 = 0
        var seen: [AlertID: Seen] = [:]
        for _ in 0..<120 {
            now += Double(random.next() % 240)
            let instant = Fixture.t0.adding(seconds: now)
            let key = keys[Int(random.next() % UInt64(keys.count))]
            let target = AlertID(random.next() % UInt64(max(1, engine.nextAlertID))) + 1
            let outcome: AlertingOutcome
            switch random.next() % 10 {
            case 0, 1: outcome = engine.raise(AlertEngineTests.raised(key), at: instant)
            case 2: outcome = engine.clear(AlertCleared(dedupKey: key), at: instant)
            case 3: outcome = engine.perform(AlertEngineTests.action(.ack, target), at: instant)
            case 4: outcome = engine.perform(AlertEngineTests.action(.unack, target), at: instant)
            case 5: outcome = engine.perform(AlertEngineTests.action(.escalate, target), at: instant)
            case 6 where random.next() % 3 == 0: outcome = engine.perform(AlertEngineTests.action(.resolve, target), at: instant)
            case 7 where random.next() % 3 == 0:
                outcome = engine.createSilence(SilenceRequest(
                    matchers: [LabelMatcher(label: "dedup_key", equals: key)], durationSeconds: Double(random.next() % 900 + 1),
                    actor: "maria", channel: "key:test", comment: ""), at: instant)
            case 8 where random.next() % 3 == 0:
                outcome = engine.expireSilence(SilenceExpiry(silenceId: Int(random.next() % 4) + 1, actor: "dev", channel: "key:test"), at: instant)
            default: outcome = engine.advance(to: instant)
            }
            for record in outcome.records {
                #expect(record.seq > lastSeq, "audit sequence numbers strictly increase")
                lastSeq = record.seq
                guard let id = record.alertId, record.action != .notified else { continue }
                var alert = seen[id] ?? Seen()
                check(record, against: &alert)
                seen[id] = alert
            }
            for notification in outcome.notifications where notification.action == .trigger {
                let resolvedAt = seen[notification.alertId]?.resolvedAt
                #expect(resolvedAt.map { notification.at <= $0 } ?? true, "a resolved alert is never paged")
            }
        }
    }

    private func check(_ record: AuditRecord, against alert: inout Seen) {
        let timeout = AlertEngineTests.policy.acknowledgementTimeoutSeconds
        switch record.action {
        case .escalated:
            #expect(!alert.resolved, "a resolved alert never escalates")
            let level = record.level ?? 0, round = record.round ?? 0
            let next = level == alert.level + 1 && round == alert.round
            let wrapped = level == 1 && round == alert.round + 1
            #expect(next || wrapped, "levels never skip: L\(alert.level) r\(alert.round) → L\(level) r\(round)")
            if record.channel == "timeout" {
                if let acknowledged = alert.acknowledgedAt {
                    #expect(record.at >= acknowledged.adding(seconds: timeout), "no escalation before the ack timeout")
                }
                #expect(!alert.silenced, "a silenced alert never escalates on its own")
            }
            alert.level = level
            alert.round = round
        case .acknowledged: alert.acknowledgedAt = record.at
        case .unacknowledged, .acknowledgementExpired: alert.acknowledgedAt = nil
        case .resolved: alert.resolvedAt = record.at
        case .silenced: alert.silenced = true
        case .unsilenced: alert.silenced = false
        default: break
        }
    }
}
