import Foundation
import TallyConfig
import TallyCore
import Testing
@testable import TallyConsole
import TallyLive

/// Reading the schedule again when its file changes: new and changed events announced,
/// dropped ones cancelled, checklist ticks kept, and a bad edit refused with the schedule in
/// force left standing.
struct ScheduleReloadTests {
    static func schedule(_ events: [(String, String)]) -> String {
        "rundown:\n  - {at: T-60m, name: feed lock, checklist: [Paths locked]}\n  - {at: T0, name: on air}\nevents:\n"
            + events.map { "  - {id: \($0.0), title: \($0.1), start: 2026-03-14T19:00:00Z, end: 2026-03-14T22:00:00Z}\n" }.joined()
    }

    @Test func anEditedScheduleIsAnnouncedAndABadEditRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-reload-\(UUID()).yaml").path
        defer { unlink(path) }
        try Self.schedule([("a", "Alpha"), ("b", "Bravo"), ("c", "Charlie")]).write(toFile: path, atomically: true, encoding: .utf8)
        let config = try RunConfig.load(path: path)
        let now = Instant(rfc3339: "2026-03-14T18:30:00Z")!
        var timeline = LiveTimeline(events: config.events, watching: path, clock: { now })
        var reloaded: [RunConfig] = []
        timeline.onReload = { reloaded.append($0) }
        var state = ConsoleState()
        for (index, event) in config.events.enumerated() {
            state.apply(Envelope(seq: UInt64(index + 1), timestamp: now, source: "test", event: .eventScheduled(event)))
        }
        state.apply(Envelope(seq: 9, timestamp: now, source: "test", event: .checklistTicked(
            ChecklistTick(eventId: "a", step: "feed lock", item: "Paths locked", actor: "maria", channel: "key"))))
        _ = timeline.takeDue(atWall: 0, state: state)
        #expect(timeline.takeMessage() == nil, "nothing changed yet")

        try Self.schedule([("a", "Alpha"), ("b", "Bravo renamed"), ("d", "Delta")]).write(toFile: path, atomically: true, encoding: .utf8)
        let announced = timeline.takeDue(atWall: 0, state: state).map(\.event)
        let scheduled = announced.compactMap { if case .eventScheduled(let e) = $0 { e.eventId } else { nil } }
        let cancelled = announced.compactMap { if case .eventCancelled(let c) = $0 { c.eventId } else { nil } }
        #expect(scheduled == ["b", "d"])
        #expect(cancelled == ["c"])
        #expect(timeline.takeMessage() == "schedule reloaded: 3 events (1 new, 1 changed, 1 cancelled)")
        #expect(reloaded.map { $0.events.map(\.eventId) } == [["a", "b", "d"]], "the monitors follow")
        for (index, event) in announced.enumerated() { state.apply(Envelope(seq: UInt64(20 + index), timestamp: now, source: "test", event: event)) }
        #expect(state.events["c"] == nil)
        #expect(state.checklist(of: "a")?.ticked == 1, "ticks survive a reload")

        try "events:\n  - {id: a, title: Alpha, start: soon}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(timeline.takeDue(atWall: 0, state: state).filter { if case .eventCancelled = $0.event { true } else { false } }.isEmpty)
        #expect(timeline.takeMessage()?.hasPrefix("schedule NOT reloaded: \(path):2: events[0]") == true)
        #expect(reloaded.count == 1, "the schedule in force stays")
    }
}
