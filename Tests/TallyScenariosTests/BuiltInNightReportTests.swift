import Testing
import TallyBus
import TallyCore
import TallyScenarios

/// `tally report` on the built-in night, checked against a count of the recording's own
/// envelopes made here without the alert engine.
struct BuiltInNightReportTests {
    static let night = try! BuiltInDemo.recording()
    static let facts = ReportFacts.replaying(night.envelopes, from: night.header.state ?? ConsoleState())
    static let report = OperationsReport(facts)

    /// Alerts opened, by kind: a raise opens one unless its key is open, or cleared less than
    /// the hold-down ago; a clear starts the hold-down, a person's resolve ends it at once.
    static func independentlyCountedOpens() -> [String: Int] {
        let holdDown = AlertRules.standard.holdDownSeconds
        var open: [String: Instant?] = [:]  // key → when it cleared, nil while raised
        var keyOfAlert: [AlertID: String] = [:]
        var opened: [String: Int] = [:]
        var nextID: AlertID = 1
        for envelope in night.envelopes {
            let now = envelope.timestamp
            for (key, cleared) in open { if let cleared, now.seconds(since: cleared) >= holdDown { open[key] = nil } }
            switch envelope.event {
            case .alertRaised(let raised):
                if open[raised.dedupKey] == nil {
                    opened[raised.class ?? String(raised.dedupKey.prefix { $0 != "/" }), default: 0] += 1
                    keyOfAlert[nextID] = raised.dedupKey
                    nextID += 1
                }
                open[raised.dedupKey] = .some(nil)
            case .alertCleared(let cleared) where open[cleared.dedupKey] == .some(nil):
                open[cleared.dedupKey] = now
            case .operatorAction(let action) where action.action == .resolve:
                if let key = keyOfAlert[action.alertId] { open[key] = nil }
            default: continue
            }
        }
        return opened
    }

    @Test func alertsByKindMatchACountOfTheRaises() {
        let counted = Self.independentlyCountedOpens()
        #expect(Self.report.alerts == counted.values.reduce(0, +))
        #expect(Dictionary(uniqueKeysWithValues: Self.report.byKind.map { ($0.name, $0.count) }) == counted)
    }

    @Test func acknowledgementsAndChecklistTicksMatchTheOperatorsEnvelopes() {
        var acknowledged = Set<AlertID>()
        var ticked = Set<String>()
        for envelope in Self.night.envelopes {
            if case .operatorAction(let action) = envelope.event, action.action == .ack { acknowledged.insert(action.alertId) }
            if case .checklistTicked(let tick) = envelope.event, tick.ticked { ticked.insert("\(tick.eventId)/\(tick.step)/\(tick.item)") }
        }
        #expect(Self.report.acknowledge.overall.count == acknowledged.count)
        #expect(Self.report.acknowledge.overall.count + Self.report.acknowledge.never == Self.report.alerts)
        #expect(Self.report.checklists.onTime + Self.report.checklists.late == ticked.count)
        #expect(Self.report.checklists.late + Self.report.checklists.missed == Self.report.byKind.first { $0.name == "checklist.overdue" }?.count ?? 0)
    }

    @Test func everyPageGoesToSomeoneOnTheDemoRoster() {
        let people = Set(Self.report.pages.map(\.person))
        #expect(!people.isEmpty && people.isSubset(of: ["maria", "dev", "kenji", "aiko", "sam", "rosa"]))
    }
}
