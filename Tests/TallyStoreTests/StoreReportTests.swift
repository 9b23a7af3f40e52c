import Foundation
import Testing
import TallyCore
import TallyStore

/// `tally report --store`: a scripted night written to a store as a hub writes it, reported
/// from the store's alerts and audit trail with every figure checked exactly, and the same
/// report as replaying the night.
struct StoreReportTests {
    static let rules = AlertRules(fallback: EscalationPolicy(name: "night", levels: [
        .init(targets: ["rotation:primary"], delaySeconds: 300), .init(targets: ["person:rosa"], delaySeconds: 600),
    ], acknowledgementTimeoutSeconds: 3600), inhibitions: [], holdDownSeconds: 0)
    static let roster = Roster(rotations: [
        .init(name: "primary", shifts: [.init(who: "maria", zone: "America/Los_Angeles", startMinute: 0, endMinute: 0)]),
        .init(name: "lead", shifts: [.init(who: "rosa", zone: "Asia/Tokyo", startMinute: 0, endMinute: 0)]),
    ])

    static func at(_ time: String) -> Instant { Instant(rfc3339: "2026-03-14T\(time)Z")! }

    static func action(_ id: AlertID, _ kind: ActionKind, by actor: String) -> BusEvent {
        .operatorAction(OperatorAction(alertId: id, action: kind, actor: actor, channel: "key"))
    }

    static func raise(_ key: String, event: EventID, team: String) -> BusEvent {
        .alertRaised(AlertRaised(dedupKey: key, severity: .critical, summary: key, source: "test", labels: ["event": event, "team": team]))
    }

    /// Los Angeles is on PDT (UTC−7) and Tokyo on JST (UTC+9).
    static let night: [Envelope] = [
        ("06:00:00", raise("feed.stale/a", event: "ev-a", team: "ingest")),  // #1: maria paged at 23:00 PDT, her night
        ("06:02:00", action(1, .ack, by: "maria")),
        ("06:04:00", action(1, .escalate, by: "maria")),  // by hand: rosa paged at 15:04 JST
        ("06:10:00", .alertCleared(AlertCleared(dedupKey: "feed.stale/a"))),
        ("16:00:00", raise("feed.down/b", event: "ev-b", team: "cdn")),  // #2: maria paged at 09:00 PDT
        ("16:05:00", .timersDue(TimersDue(due: at("16:05:00")))),  // by timeout: rosa paged at 01:05 JST, her night
        ("16:15:00", .timersDue(TimersDue(due: at("16:15:00")))),  // the chain runs out
        ("16:20:00", action(2, .ack, by: "rosa")),
        ("16:30:00", action(2, .resolve, by: "rosa")),
    ].enumerated().map { index, step in Envelope(seq: UInt64(index + 1), timestamp: at(step.0), source: "test", event: step.1) }

    @Test func aStoresNightIsReportedExactlyAndAsItsReplayIs() throws {
        let store = try AlertStore.inMemory()
        var state = ConsoleState(rules: Self.rules, roster: Self.roster)
        for envelope in Self.night { try store.save(state.apply(envelope).records, from: state.alerting) }
        let report = OperationsReport(try store.reportFacts(roster: Self.roster))

        #expect(report.alerts == 2 && report.bySeverity.map(\.count) == [2])
        #expect(report.acknowledge.overall == DurationSummary([120, 1200]))
        #expect(report.acknowledge.overall.median == 660 && report.acknowledge.overall.p90 == 1200 && report.acknowledge.never == 0)
        #expect(report.resolve.overall.median == 1200 && report.resolve.overall.worst == 1800)
        #expect(report.resolve.perTeam.map { "\($0.name) \($0.summary.median ?? -1)" } == ["cdn 1800.0", "ingest 600.0"])
        #expect(report.escalationsByHand == 1 && report.escalationsByTimeout == 1 && report.exhausted == [2])
        #expect(report.pages.map { "\($0.person) \($0.pages) \($0.atNight)" } == ["maria 2 1", "rosa 2 1"])
        #expect(report.raisedPerHour.count == 11 && report.raisedPerHour.first == 1 && report.raisedPerHour.last == 1)

        let replayed = OperationsReport(ReportFacts.replaying(Self.night, from: ConsoleState(rules: Self.rules, roster: Self.roster)))
        #expect(report == replayed, "the store's trail gives what replaying the night gives")
    }

    @Test func aPageNamesWhoHeldTheRotationThen() {
        var state = ConsoleState(rules: Self.rules, roster: Self.roster)
        let paged = state.apply(Self.night[0]).records.filter { $0.action == .paged }
        #expect(paged.map(\.detail) == ["rotation:primary (maria)"])
        #expect(paged.flatMap(PagedTargets.people) == ["maria"])
        var nobody = paged[0]
        nobody.detail = "rotation:lead (\(Roster.nobody)), person:rosa, ops-slack"
        #expect(PagedTargets.people(in: nobody) == ["rosa", "ops-slack"])
    }
}
