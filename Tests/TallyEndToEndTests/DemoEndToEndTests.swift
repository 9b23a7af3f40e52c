import Foundation
import Glibc
import Testing

extension EndToEnd {
    /// The built `tally` binary, run in tmux as an operator would run it.
    @Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
    struct DemoEndToEndTests {
        @Test func operatorAcknowledgesAnAlertResizesAndQuitsCleanly() async throws {
            let session = try TmuxSession { TallyBinary.command("demo --speed 4", state: $0) }
            for title in ["Active events", "Feed health", "Viewer counts", "Alerts"] {
                await session.waitFor(text: title)
            }
            #expect(session.isAlternateScreenOn)

            session.sendKeys("4")
            await session.waitFor(text: "a ack")
            session.sendKeys("]")
            await session.waitFor(text: "jumped to alert #1")
            session.sendKeys("a")
            await session.waitFor(text: "acknowledged #1 as ops")
            await session.waitFor("the alert shown as acknowledged by ops") { $0.contains("✓ops") }

            session.resize(width: 80, height: 24)
            await session.waitFor("the 80x24 layout") { screen in
                let lines = screen.split(separator: "\n")
                return lines.count == 24 && lines.allSatisfy { $0.count <= 80 } && screen.contains("Active events") && screen.contains("✓ops")
            }

            session.sendKeys("q")
            #expect(await session.waitForExit() == 0)
            #expect(!session.isAlternateScreenOn)
            #expect(!session.screen().contains("Active events"))
            let log = try String(contentsOf: session.directory.appendingPathComponent("tally/tally.log"), encoding: .utf8)
            #expect(log.contains("operator action") && log.contains("actor=ops"))
        }

        @Test(arguments: [(SIGTERM, 143), (SIGINT, 130), (SIGHUP, 129)] as [(Int32, Int32)])
        func signalsEndTheConsoleAndGiveTheTerminalBack(signal: Int32, status: Int32) async throws {
            let session = try TmuxSession { TallyBinary.command("demo", state: $0) }
            await session.waitFor(text: "Active events")
            let pid = try #require(session.programPID)
            kill(pid, signal)
            #expect(await session.waitForExit(timeout: 5) == status)
            #expect(!session.isAlternateScreenOn)
        }

        @Test func aTerminalThatVanishesWithoutAHangUpEndsTallyAtOnce() async throws {
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("tally-e2e-\(UUID())")
            defer { try? FileManager.default.removeItem(at: state) }
            let terminal = try PseudoTerminal([TallyBinary.path, "demo"], environment: [
                "TERM": "xterm-256color", "LANG": "C.UTF-8", "XDG_STATE_HOME": state.path,
            ])
            #expect(await terminal.waitFor(text: "Alerts", timeout: 20))
            terminal.hangUp()
            #expect(await terminal.waitForExit(timeout: 2) == 129, "tally must leave at once, never spin on a dead terminal")
            let log = try String(contentsOf: state.appendingPathComponent("tally/tally.log"), encoding: .utf8)
            #expect(log.contains("terminal gone"))
        }

        @Test func ctrlCQuitsLikeAnOperatorWouldExpect() async throws {
            let session = try TmuxSession { TallyBinary.command("demo --paused", state: $0) }
            await session.waitFor(text: "Active events")
            session.sendKeys("C-c")
            #expect(await session.waitForExit(timeout: 5) == 130)
            #expect(!session.isAlternateScreenOn)
        }

        @Test(arguments: ["dumb", "no-such-terminal"])
        func unusableTerminalGivesOneLineAndFailure(term: String) async throws {
            let session = try TmuxSession { TallyBinary.command("demo", term: term, state: $0) }
            let status = await session.waitForExit()
            #expect(status != nil && status != 0)
            let screen = session.screen()
            #expect(screen.contains("TERM=\(term)"))
            #expect(!screen.contains("Fatal error"))
        }

        @Test func withoutATerminalTheDemoRefusesInOneLine() {
            let result = ProcessRunner.run([TallyBinary.path, "demo"], environment: ["TERM": "xterm", "XDG_STATE_HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin"])
            #expect(result.status == 1)
            #expect(result.output.contains("no terminal"))
            #expect(result.output.split(separator: "\n").count == 1)
        }
    }
}
