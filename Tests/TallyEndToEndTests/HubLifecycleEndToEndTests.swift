import Foundation
import Glibc
import Testing
import TallyTestSupport

extension EndToEnd {
    /// `tally serve` run as systemd runs it. Stopped with SIGTERM while a page is being retried:
    /// every console is told `bye`, the page is given its deadline and its outcome is stored,
    /// the recording ends with the last envelope applied, and the hub exits 0. Reloaded with
    /// SIGHUP or SIGUSR1: the new schedule reaches the consoles.
    struct HubLifecycleEndToEndTests {
        @Test func sigtermDuringAPagesRetriesWaitsForItsOutcomeAndSaysByeToEveryConsole() async throws {
            let rig = try Rig(failures: 2, backoff: "1s")
            defer { rig.remove() }
            let hub = try await HubProcess(folder: rig.folder, extraArguments: ["--record", rig.recording, "--notification-deadline", "20"])
            let consoles = try (0..<2).map { _ in try rig.attach(hub) }
            #expect(hub.ingest([HubProcess.raise("enc-1/down", summary: "enc1 down")]).status == 0)
            try await rig.waitForCalls(1)

            // Attempt 1 failed; attempts 2 and 3 fall 1 s and 3 s later, after the signal.
            let signalled = Date()
            #expect(hub.stop(signal: SIGTERM) == 0)
            print("the hub stopped \(String(format: "%.1f", Date().timeIntervalSince(signalled))) s after SIGTERM")
            for console in consoles {
                #expect(console.line(containing: #""kind":"bye""#)?.contains("hub stopping (SIGTERM)") == true)
            }
            #expect(rig.calls == 3)
            let audit = rig.audit()
            #expect(audit.contains("trigger attempt 3: delivered, exit 0"), "the audit trail:\n\(audit)")
            let last = try #require(rig.recordingLines().last)
            #expect(last.contains(#""attempt":3"#) && last.contains(#""delivered":true"#), "the recording ends with: \(last)")
        }

        @Test func aPageStillRetryingAtTheDeadlineIsGivenUpAndSaysSo() async throws {
            let rig = try Rig(failures: 100, backoff: "30s")
            defer { rig.remove() }
            let hub = try await HubProcess(folder: rig.folder, extraArguments: ["--record", rig.recording, "--notification-deadline", "1"])
            #expect(hub.ingest([HubProcess.raise("enc-1/down", summary: "enc1 down")]).status == 0)
            try await rig.waitForCalls(1)
            let signalled = Date()
            #expect(hub.stop(signal: SIGINT) == 0)
            let took = Date().timeIntervalSince(signalled)
            #expect(took < 10, "the hub took \(took) s to stop, past its 1 s deadline")
            #expect(rig.calls == 1)
            let audit = rig.audit()
            #expect(audit.contains("trigger attempt 2: failed, not sent: the hub stopped before attempt 2 of 5"), "the audit trail:\n\(audit)")
            #expect(rig.recordingLines().last?.contains("the hub stopped before attempt 2") == true)
        }

        @Test(arguments: [SIGHUP, SIGUSR1])
        func aHangUpOrUSR1ReadsTheScheduleAgain(signal: Int32) async throws {
            let rig = try Rig(failures: 0, backoff: "1s")
            defer { rig.remove() }
            let hub = try await HubProcess(folder: rig.folder)
            let console = try rig.attach(hub)
            // The title edited in place, same size and same modification time: only the signal can tell the hub.
            let config = rig.folder.appendingPathComponent("tally.yaml").path
            var before = stat()
            stat(config, &before)
            let text = try String(contentsOfFile: config, encoding: .utf8)
            try text.replacingOccurrences(of: "Japan v Korea", with: "Japan v Kenya").write(toFile: config, atomically: false, encoding: .utf8)
            var times = [before.st_atim, before.st_mtim]
            #expect(utimensat(AT_FDCWD, config, &times, 0) == 0)
            kill(hub.pid, signal)
            #expect(console.line(containing: "Japan v Kenya") != nil, "the edited title did not reach the console")
            #expect(hub.stop() == 0)
        }

        /// A hub's folder with a pager that fails `failures` times, then delivers, counting its calls.
        private struct Rig {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-stop-\(UUID().uuidString.prefix(8))")
            var recording: String { folder.appendingPathComponent("hub.jsonl").path }
            private var callsFile: String { folder.appendingPathComponent("pager.calls").path }

            init(failures: Int, backoff: String) throws {
                let config = folder.appendingPathComponent("config/tally")
                try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
                let pager = folder.appendingPathComponent("page.sh").path
                try "#!/bin/sh\ncat > /dev/null\necho call >> \(callsFile)\n[ $(wc -l < \(callsFile)) -gt \(failures) ]\n"
                    .write(toFile: pager, atomically: true, encoding: .utf8)
                chmod(pager, 0o755)
                try """
                    policies:
                      - name: on-call
                        levels: [{targets: [rotation:primary], delay: 5m}]
                    notifiers:
                      - name: pager
                        type: command
                        command: [\(pager)]
                        retries: 4
                        backoff: \(backoff)
                    """.write(to: config.appendingPathComponent("alerting.yaml"), atomically: true, encoding: .utf8)
            }

            func remove() { try? FileManager.default.removeItem(at: folder) }

            var calls: Int { ((try? String(contentsOfFile: callsFile, encoding: .utf8)) ?? "").split(separator: "\n").count }

            func waitForCalls(_ count: Int) async throws {
                _ = await poll(timeout: 20, every: 0.05) { calls >= count ? true : nil }
                try #require(calls >= count, "the pager was called \(calls) times, not \(count)")
            }

            /// A console on the hub's socket, past its snapshot.
            func attach(_ hub: HubProcess) throws -> LineClient {
                let console = try #require(LineClient(socket: hub.socket))
                console.send(#"{"kind":"hello","version":1,"role":"console"}"#)
                try #require(console.line(containing: #""kind":"snapshot""#) != nil, "no snapshot")
                return console
            }

            func audit() -> String {
                ProcessRunner.run([TallyBinary.path, "audit", "--store", folder.appendingPathComponent("tally/tally.sqlite").path]).output
            }

            func recordingLines() -> [String] {
                ((try? String(contentsOfFile: recording, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }
        }
    }
}
