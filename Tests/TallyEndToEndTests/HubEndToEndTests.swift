import Foundation
import Glibc
import Testing
import TallyTestSupport

extension EndToEnd {
    /// One hub, several consoles, as a control room and an on-call engineer would use them: an
    /// acknowledgement in one console shows in the others; a console killed, or stopped with
    /// SIGSTOP, does not hold the others back; the hub restarted under them, they say
    /// "reconnecting" and come back to the same alerts.
    @Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
    struct HubEndToEndTests {
        private static let me = String(cString: getpwuid(getuid())!.pointee.pw_name)

        private static func console(_ hub: HubProcess, width: Int = 120, height: Int = 40, term: String = "tmux-256color") throws -> TmuxSession {
            try TmuxSession(width: width, height: height) { TallyBinary.command("attach --socket \(hub.socket)", term: term, state: $0) }
        }

        @Test func threeConsolesShareOneHubThroughKillsStopsAndARestart() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-hub-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let hub = try await HubProcess(folder: folder)
            #expect(hub.ingest([HubProcess.raise("enc-1/down", summary: "enc1 down")]).status == 0)
            let desk = try Self.console(hub)
            let laptop = try Self.console(hub, width: 80, height: 24, term: "screen")
            let phone = try Self.console(hub, width: 80, height: 24, term: "xterm")
            for console in [desk, laptop, phone] { await console.waitFor(text: "enc1 down") }

            // An acknowledgement at the desk reaches the other two, credited to the desk's login.
            desk.sendKeys("4")
            desk.sendKeys("a")
            let pressed = Date()
            for console in [laptop, phone] { await console.waitFor(text: "✓\(Self.me)", timeout: 10) }
            print("acknowledgement seen on the other consoles after \(String(format: "%.2f", Date().timeIntervalSince(pressed))) s")

            // A console killed mid-stream: the others carry on.
            kill(try #require(phone.programPID), SIGKILL)
            #expect(hub.ingest([HubProcess.raise("enc-2/down", summary: "enc2 down")]).status == 0)
            for console in [desk, laptop] { await console.waitFor(text: "enc2 down", timeout: 10) }

            // A console stopped (a frozen SSH session): the desk is not held back, and the stopped
            // one catches up when it resumes.
            let stopped = try #require(laptop.programPID)
            kill(stopped, SIGSTOP)
            let viewers = (0..<1500).map { #"{"type":"viewers.sample","data":{"event_id":"jpn-kor","concurrent":\#(100_000 + $0)}}"# }
            #expect(hub.ingest(viewers + [HubProcess.raise("enc-3/down", summary: "enc3 down")]).status == 0)
            await desk.waitFor(text: "enc3 down", timeout: 10)
            kill(stopped, SIGCONT)
            await laptop.waitFor(text: "enc3 down", timeout: 20)

            // Bad input is refused by line and counted in every header.
            let refused = hub.ingest([HubProcess.raise("enc-4/down", summary: "enc4 down"), "not json"])
            #expect(refused.status == 1)
            #expect(refused.output.contains("stdin:2: not a JSON object"))
            await desk.waitFor(text: "rej 1", timeout: 10)

            // The hub restarted under them: reconnecting, then back on the same alerts.
            hub.stop()
            for console in [desk, laptop] { await console.waitFor(text: "RECONNECTING", timeout: 10) }
            try await hub.start()
            for console in [desk, laptop] {
                await console.waitFor("the link back and the acknowledgement kept", timeout: 20) { $0.contains("link ok") && $0.contains("✓\(Self.me)") }
            }
            desk.sendKeys("q")
            #expect(await desk.waitForExit() == 0)
        }

        @Test(arguments: ["screen", "tmux-256color", "xterm-256color", "xterm", "vt100"])
        func anOnCallConsoleAttachesAt80x24(term: String) async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-hub-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let hub = try await HubProcess(folder: folder)
            #expect(hub.ingest([HubProcess.raise("enc-1/down", summary: "enc1 down")]).status == 0)
            let console = try Self.console(hub, width: 80, height: 24, term: term)
            await console.waitFor("the header and the alert under TERM=\(term)") { $0.contains("ATTACHED") && $0.contains("enc1 down") }
            console.sendKeys("q")
            #expect(await console.waitForExit() == 0)
        }

        @Test func aViewerTokenShowsTheRoomButItsAcknowledgementIsRefusedOnItsScreen() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-hub-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let tokens = folder.appendingPathComponent("tokens.yaml").path, viewer = folder.appendingPathComponent("viewer").path
            try """
                tokens:
                  - {name: wallboard, role: viewer, token: "the-wallboard-token-of-the-boc"}
                  - {name: encoders, role: ingest, token: "the-encoders-token-of-the-boc"}
                """.write(toFile: tokens, atomically: true, encoding: .utf8)
            try Data("the-wallboard-token-of-the-boc\n".utf8).write(to: URL(fileURLWithPath: viewer))
            let port = Int.random(in: 20_000...60_000)
            let hub = try await HubProcess(folder: folder, extraArguments: ["--listen", "127.0.0.1:\(port)", "--tokens", tokens])
            #expect(hub.ingest([HubProcess.raise("enc-1/down", summary: "enc1 down")]).status == 0)
            let wall = try TmuxSession(width: 120, height: 40) {
                TallyBinary.command("attach --connect 127.0.0.1:\(port) --token-file \(viewer) --name wall", state: $0)
            }
            await wall.waitFor("the room, read-only") { $0.contains("VIEW ONLY") && $0.contains("enc1 down") }
            wall.sendKeys("4")
            wall.sendKeys("a")
            await wall.waitFor(text: "the hub refused an action: read-only: wallboard is a viewer's token", timeout: 10)
            #expect(!wall.screen().contains("✓wall"))
            wall.sendKeys("q")
            #expect(await wall.waitForExit() == 0)
            let log = folder.appendingPathComponent("tally/hub.log").path
            let counted = await poll(timeout: 10, every: 0.1) { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("action refused: a viewer") ? true : nil }
            #expect(counted == true, "the hub counts the refusal in its log")
            _ = hub
        }

        @Test func aWrongTokenIsRefusedBeforeTheScreenIsTaken() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-hub-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let token = folder.appendingPathComponent("token").path, wrong = folder.appendingPathComponent("wrong").path
            try Data("the-right-token-of-the-hub\n".utf8).write(to: URL(fileURLWithPath: token))
            try Data("a-wrong-token-of-somebody\n".utf8).write(to: URL(fileURLWithPath: wrong))
            let port = Int.random(in: 20_000...60_000)
            let hub = try await HubProcess(folder: folder, extraArguments: ["--listen", "127.0.0.1:\(port)", "--token-file", token])
            let refused = ProcessRunner.run([TallyBinary.path, "attach", "--connect", "127.0.0.1:\(port)", "--token-file", wrong],
                                            environment: HubProcess.environment(folder))
            #expect(refused.status == 1)
            #expect(refused.output.contains("refused this console: refused: wrong or missing token"))
            _ = hub
        }

        @Test func aSlowLinkSpacesFramesOutAndTheHeaderSaysSo() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-hub-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let hub = try await HubProcess(folder: folder)
            let environment = HubProcess.environment(folder).merging(["TERM": "xterm-256color", "LANG": "C.UTF-8"]) { $1 }
            let console = try PseudoTerminal([TallyBinary.path, "attach", "--socket", hub.socket], environment: environment)
            #expect(await console.waitFor(text: "link ok", timeout: 20))
            // Nobody reads the terminal (an SSH link that has stalled) while the operator keeps
            // cycling themes, each a whole new frame: the console finds its frames waiting on the
            // terminal, spaces them out, and says so once the link drains.
            for _ in 0..<16 {
                console.type("t")
                try await Task.sleep(for: .milliseconds(100))  // a person typing, not a wait for a result
            }
            #expect(await console.waitFor(text: "slow link", timeout: 20))
            #expect(await console.waitFor(text: "link ok", timeout: 20))
        }
    }
}
