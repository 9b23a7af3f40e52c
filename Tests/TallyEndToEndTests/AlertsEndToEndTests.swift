import Foundation
import Glibc
import Testing

extension EndToEnd {
    /// An operator owns, escalates and silences alerts from the keyboard; each shows on screen
    /// once stored, and `tally audit` reads the same trail back.
    @Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
    struct AlertsEndToEndTests {
        @Test func acknowledgeEscalateWithANoteAndSilenceThenReadTheAudit() async throws {
            var storePath = ""
            let session = try TmuxSession { state in
                storePath = state.appendingPathComponent("demo.sqlite").path
                return TallyBinary.command("demo --paused --store \(storePath)", state: state)
            }
            await session.waitFor(text: "Alerts")
            session.sendKeys("4")
            session.sendKeys("]")
            await session.waitFor(text: "jumped to alert #1")

            session.sendKeys("a")
            await session.waitFor(text: "acknowledged #1 as ops")

            session.sendKeys("e")
            await session.waitFor(text: "escalate #1, note:")
            session.sendKeys("venue not answering", "Enter")
            await session.waitFor(text: "escalated #1 to L2")

            session.sendKeys("Enter")
            await session.waitFor("the detail overlay's timeline") { screen in
                screen.contains("Timeline") && screen.contains("escalated by ops to L2 · venue not answering")
            }
            session.sendKeys("Escape")

            session.sendKeys("o")
            await session.waitFor("the night so far, with the escalation by hand") { screen in
                screen.contains("The night so far") && screen.contains("0 by timeout · 1 by hand")
            }
            session.sendKeys("o")

            session.sendKeys("s")
            await session.waitFor(text: "silence dedup_key=")
            session.sendKeys("Up", "power work")
            session.sendKeys("Enter")
            await session.waitFor(text: "silence s1 holds 1 alert")
            await session.waitFor(text: "SILENCED")

            session.sendKeys("S")
            await session.waitFor(text: "ops: power work")
            session.sendKeys("Escape", "q")
            #expect(await session.waitForExit() == 0)

            let audit = ProcessRunner.run([TallyBinary.path, "audit", "--alert", "1", "--store", storePath])
            #expect(audit.status == 0)
            let lines = audit.output.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.contains("acknowledged") && $0.contains("ops") })
            #expect(lines.contains { $0.contains("escalated") && $0.contains("L2") && $0.contains("“venue not answering”") })
            #expect(lines.contains { $0.contains("silence-created") && $0.contains("“power work”") })
            #expect(lines.contains { $0.contains("silenced") })

            let report = ProcessRunner.run([TallyBinary.path, "report", "--store", storePath, "--format", "json"])
            #expect(report.status == 0, "\(report.output)")
            let figures = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
            #expect(figures["escalations_by_hand"] as? Int == 1, "\(report.output)")
            let acknowledged = (figures["acknowledge"] as? [String: Any])?["overall"] as? [String: Any]
            #expect(acknowledged?["count"] as? Int == 1)
        }

        @Test func anAcknowledgementShownBeforeKillNineIsThereAfterARestart() async throws {
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("tally-restart-\(UUID())")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: state) }
            let storePath = state.appendingPathComponent("demo.sqlite").path
            let first = try TmuxSession { _ in TallyBinary.command("demo --paused --store \(storePath)", state: state) }
            await first.waitFor(text: "Alerts")
            first.sendKeys("4", "]")
            await first.waitFor(text: "jumped to alert #1")
            first.sendKeys("a")
            await first.waitFor(text: "acknowledged #1 as ops")
            let pid = try #require(first.programPID)
            kill(pid, SIGKILL)
            _ = await first.waitForExit(timeout: 5)

            let second = try TmuxSession { _ in TallyBinary.command("demo --paused --store \(storePath)", state: state) }
            await second.waitFor(text: "Alerts")
            second.sendKeys("4")
            await second.waitFor("alert #1 still acknowledged by ops after the restart") { $0.contains("✓ops") }
            second.sendKeys("q")
            #expect(await second.waitForExit() == 0)
        }
    }
}
