import Foundation
import Testing

extension EndToEnd {
    /// The rundown from the keyboard: `c` opens an event's checklist, space ticks an item (stored
    /// and audited), `H` writes the shift handover with a note, and the next console to start a
    /// shift shows it.
    @Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
    struct RundownEndToEndTests {
        static func schedule() -> String {
            let format = ISO8601DateFormatter()
            let start = format.string(from: Date().addingTimeInterval(1800)), end = format.string(from: Date().addingTimeInterval(9000))
            return """
                site: los-gatos
                rundown:
                  - {at: T-60m, name: feed lock, checklist: [Primary path locked, Audio levels checked]}
                  - {at: T0, name: on air}
                  - {at: end, name: off air}
                events:
                  - {id: jpn-kor, title: Japan v Korea, venue: Tokyo Dome, tier: big-bet, start: "\(start)", end: "\(end)"}
                """
        }

        @Test func tickAChecklistItemThenWriteTheHandover() async throws {
            var folder = URL(fileURLWithPath: "/")
            let command = { (state: URL) -> String in
                folder = state
                try? Self.schedule().write(to: state.appendingPathComponent("tally.yaml"), atomically: true, encoding: .utf8)
                return TallyBinary.command("run --config \(state.path)/tally.yaml", state: state)
            }
            let session = try TmuxSession(command: command)
            await session.waitFor(text: "0/2")
            session.sendKeys("c")
            await session.waitFor(text: "0 of 2 done")
            session.sendKeys("Space")
            await session.waitFor(text: "ticked “Primary path locked” (feed lock) · Japan v Korea")
            await session.waitFor(text: "[x] Primary path locked  · ops")
            session.sendKeys("Escape")
            await session.waitFor(text: "1/2")

            session.sendKeys("H")
            await session.waitFor(text: "handover note for the next shift:")
            session.sendKeys("Tokyo audio still to check", "Enter")
            await session.waitFor(text: "handover saved:")
            session.sendKeys("q")
            #expect(await session.waitForExit() == 0)

            let handovers = folder.appendingPathComponent("tally/handovers")
            let files = try FileManager.default.contentsOfDirectory(atPath: handovers.path)
            let text = try String(contentsOf: handovers.appendingPathComponent(try #require(files.first)), encoding: .utf8)
            #expect(text.contains("> Tokyo audio still to check"))
            #expect(text.contains("Japan v Korea · feed lock · Audio levels checked"))
            let audit = ProcessRunner.run([TallyBinary.path, "audit", "--store", folder.appendingPathComponent("tally/tally.sqlite").path])
            #expect(audit.output.contains("checklist-ticked"))
            #expect(audit.output.contains("jpn-kor · feed lock · Primary path locked"))

            // The next shift's console opens on the handover, with the tick still there.
            let next = try TmuxSession { _ in
                TallyBinary.command("run --config \(folder.path)/tally.yaml", state: folder)
            }
            await next.waitFor(text: "Handover from the last shift")
            await next.waitFor(text: "Tokyo audio still to check")
            next.sendKeys("Escape")
            await next.waitFor(text: "1/2")
            next.sendKeys("q")
            #expect(await next.waitForExit() == 0)
        }
    }
}
