import Testing
import TallyCore

/// The handover written from a fixed state: the note, alerts open and acknowledged with owners
/// and notes, events live and coming, and checklist items still open.
struct HandoverReportTests {
    static let now = Instant(rfc3339: "2026-03-14T19:30:00Z")!

    static func state() -> ConsoleState {
        var state = ConsoleState(rules: AlertRules(holdDownSeconds: 0))
        let live = LiveEventScheduled(
            eventId: "jpn-kor", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet,
            start: now.adding(seconds: -1800), end: now.adding(seconds: 9000), feeds: [],
            phases: [RundownStep(name: "feed lock", phase: .preflight, at: now.adding(seconds: -5400), checklist: ["Paths locked", "Audio checked"]),
                     RundownStep(name: "on air", phase: .live, at: now.adding(seconds: -1800)),
                     RundownStep(name: "off air", phase: .ended, at: now.adding(seconds: 9000))])
        let later = LiveEventScheduled(eventId: "usa-mex", title: "USA v Mexico", venue: "Chase Field", tier: .tier1,
                                       start: now.adding(seconds: 4 * 3600), end: now.adding(seconds: 7 * 3600), feeds: [])
        let nextWeek = LiveEventScheduled(eventId: "far", title: "Far away", venue: "", tier: .tier3,
                                          start: now.adding(seconds: 86_400), end: now.adding(seconds: 90_000), feeds: [])
        var events: [BusEvent] = [.eventScheduled(live), .eventScheduled(later), .eventScheduled(nextWeek)]
        events += [live, later, nextWeek].map { .phaseChanged(PhasePlan.phase(of: $0, at: now)) }
        events += [
            .checklistTicked(ChecklistTick(eventId: "jpn-kor", step: "feed lock", item: "Paths locked", actor: "maria", channel: "key")),
            .alertRaised(AlertRaised(dedupKey: "feed.stale/jpn-kor-fibre", severity: .critical, summary: "no new segment for 9.2 s",
                                     source: "hls-monitor", labels: ["event": "jpn-kor", "team": "venue-ops"])),
            .alertRaised(AlertRaised(dedupKey: "viewers.drop/usa-mex", severity: .warning, summary: "viewers fell 40%", source: "viewers")),
            .operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "maria", channel: "key")),
            .operatorAction(OperatorAction(alertId: 1, action: .note, actor: "maria", channel: "key", comment: "venue rebooting encoder")),
        ]
        for (index, event) in events.enumerated() {
            state.apply(Envelope(seq: UInt64(index + 1), timestamp: now, source: "test", event: event))
        }
        return state
    }

    @Test func theHandoverSaysWhatTheNextShiftMustKnow() {
        let text = HandoverReport.markdown(state: Self.state(), at: Self.now, author: "maria", site: "los-gatos",
                                           note: "Tokyo encoder flaky all night")
        #expect(text.hasPrefix("# Shift handover: 2026-03-14 19:30 UTC, from maria at los-gatos\n"))
        #expect(text.contains("> Tokyo encoder flaky all night"))
        #expect(text.contains("## Open alerts, nobody on them (1)\n\n- #2 WARNING viewers fell 40%"))
        #expect(text.contains("## Acknowledged (1)\n\n- #1 CRITICAL no new segment for 9.2 s, L1, raised 19:30 UTC, owned by **maria**, team venue-ops; notes: “maria: venue rebooting encoder”"))
        #expect(text.contains("- **Japan v Korea** (jpn-kor): on air, off air at 22:00 UTC, checklist 1/2"))
        #expect(text.contains("## Coming in the next 8 hours (1)\n\n- 23:30 UTC **USA v Mexico** (usa-mex), Chase Field"))
        #expect(!text.contains("Far away"), "beyond the next shift")
        #expect(text.contains("## Checklist items still open (1)\n\n- Japan v Korea · feed lock · Audio checked (due 19:00 UTC, **overdue**)"))
    }
}
