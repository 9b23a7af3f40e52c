import Foundation
import Testing
import TallyTestSupport

extension EndToEnd {
    /// The key table as an operator meets it: a key moved in `keys.yaml`, a file with a
    /// mistake, and the `:` command line.
    @Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
    struct KeysEndToEndTests {
        /// The demo, with `keys` as the configuration folder's `keys.yaml`.
        static func demo(_ arguments: String, keys: String) throws -> TmuxSession {
            try TmuxSession { state in
                let folder = state.appendingPathComponent("config/tally")
                try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try? keys.write(to: folder.appendingPathComponent("keys.yaml"), atomically: true, encoding: .utf8)
                return TallyBinary.command(arguments, state: state)
            }
        }

        @Test func aKeyMovedInKeysYamlActsAndIsShownEverywhere() async throws {
            let session = try Self.demo("demo --paused", keys: "# acknowledging on K\nack: K\n")
            await session.waitFor(text: "Active events")
            session.sendKeys(":", "goto 00:27:00", "Enter")
            await session.waitFor(text: "18:27:00 UTC")
            session.sendKeys("4")
            await session.waitFor(text: "K ack")
            session.sendKeys("a")
            session.sendKeys("K")
            await session.waitFor(text: "acknowledged #13 as ops")
            session.sendKeys("?")
            await session.waitFor(text: "K          acknowledge")
            session.sendKeys("Escape", "q")
            #expect(await session.waitForExit() == 0)
        }

        @Test func aKeysFileWithAConflictIsRefusedWithItsLineAndTheStandardKeysStay() async throws {
            let session = try Self.demo("demo --paused", keys: "escalate: E\nack: j\n")
            await session.waitFor(text: "Active events")
            let log = session.directory.appendingPathComponent("tally/tally.log")
            let named = await poll(timeout: 20, every: 0.2) { () -> Bool? in
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                return text.contains("keys.yaml:2: \"j\" would run both down and ack (panes)") ? true : nil
            }
            #expect(named == true, "the log names the file's line")
            session.sendKeys("4")
            await session.waitFor(text: "a ack  e escalate")
            session.sendKeys("q")
            #expect(await session.waitForExit() == 0)
        }

        @Test func theCommandLineAcknowledgesSilencesGoesToAMomentAndRefusesNonsense() async throws {
            let session = try TmuxSession { TallyBinary.command("demo --paused", state: $0) }
            await session.waitFor(text: "Active events")
            session.sendKeys(":", "go", "Tab")
            await session.waitFor(text: ":goto █")
            session.sendKeys("00:27:00", "Enter")
            await session.waitFor(text: "18:27:00 UTC")
            session.sendKeys(":", "ack 13 looking at it", "Enter")
            await session.waitFor(text: "acknowledged #13 as ops")
            session.sendKeys(":", "silence event=wbc-06 2h planned maintenance", "Enter")
            await session.waitFor(text: "silence s1 holds")
            session.sendKeys(":", "frobnicate", "Enter")
            await session.waitFor(text: "unknown command \"frobnicate\"")
            session.sendKeys(":", "silence feed=wbc-01-primary 2x why", "Enter")
            await session.waitFor(text: "\"2x\" is not a duration")
            session.sendKeys("q")
            #expect(await session.waitForExit() == 0)
            let log = try String(contentsOf: session.directory.appendingPathComponent("tally/tally.log"), encoding: .utf8)
            #expect(log.contains("operator action") && log.contains("silence"))
        }
    }
}
