import TallyCore
import Testing

/// A hub starting from a room's state that another site saved keeps its own alerting rules and
/// roster, and the room's alerts.
struct AdoptedRulesTests {
    @Test func aSavedStateTakesThisHubsRulesAndRosterAndKeepsTheRoomsAlerts() {
        var saved = ConsoleState()
        let at = Instant(rfc3339: "2026-03-14T19:00:00Z")!
        saved.apply(Envelope(seq: 1, timestamp: at, source: "test", event: .alertRaised(AlertRaised(dedupKey: "enc-1/down", severity: .critical, summary: "enc1 down", source: "test"))))
        var rules = AlertRules.standard
        rules.holdDownSeconds = 42
        let roster = Roster(rotations: [])
        let adopted = saved.adopting(rules: rules, roster: roster)
        #expect(adopted.alerting.rules.holdDownSeconds == 42)
        #expect(adopted.roster == roster)
        #expect(adopted.alerts.values.map(\.raised.dedupKey) == ["enc-1/down"])
        #expect(saved.alerting.rules.holdDownSeconds != 42, "the saved state itself unchanged")
    }
}
