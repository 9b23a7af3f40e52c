import Foundation
import Testing
import TallyTestSupport

extension EndToEnd {
    /// The room's database stopped for 30 s under a burst of alerts and operators' actions at
    /// every site: each site says it is isolated and keeps working on its own view; when the
    /// database is back, nothing is lost or applied twice, and the three hubs hold one state.
    @Suite(.enabled(if: TmuxSession.isAvailable && PrivatePostgres.isAvailable, "tmux or PostgreSQL is missing: room isolation test skipped"))
    struct RoomIsolationEndToEndTests {
        /// A note on the open alert `key` (named by its dedup key, as tools outside the console do).
        private static func note(_ text: String, on key: String, idempotency: String) -> String {
            #"{"kind":"action","key":"\#(idempotency)","type":"alert.action","source":"console","v":1,"#
                + #""data":{"alert_id":0,"dedup_key":"\#(key)","action":"note","actor":"ops","channel":"api","comment":"\#(text)"}}"#
        }

        /// The state a hub sends a console that attaches now: its log position and a digest that
        /// does not depend on the order of unordered collections (sets and dictionaries come out
        /// of each process in its own hash order).
        private static func snapshot(_ hub: HubProcess) -> (seq: Int, digest: String)? {
            guard let client = LineClient(socket: hub.socket) else { return nil }
            client.send(#"{"kind":"hello","version":1,"role":"console"}"#)
            guard let line = client.line(containing: #""kind":"snapshot""#),
                  let message = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let state = message["state"] as? [String: Any] else { return nil }
            return ((state["lastSeq"] as? Int) ?? -1, canonical(state))
        }

        private static func canonical(_ value: Any) -> String {
            switch value {
            case let object as [String: Any]: "{" + object.keys.sorted().map { "\($0):" + canonical(object[$0]!) }.joined(separator: ",") + "}"
            case let array as [Any]: "[" + array.map(canonical).sorted().joined(separator: ",") + "]"
            default: "\(value)"
            }
        }

        @Test func theDatabaseStoppedForThirtySecondsUnderABurstLosesNothingAndTheSitesConverge() async throws {
            let postgres = try PrivatePostgres()
            let folders = try RoomEndToEndTests.folders()
            defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
            let hubs = try await RoomEndToEndTests.hubs(in: folders, room: postgres.url)
            let consoles = try hubs.map { hub in
                try TmuxSession(width: 120, height: 40) { TallyBinary.command("attach --socket \(hub.socket)", state: $0) }
            }
            for console in consoles { await console.waitFor(text: "· decides ", timeout: 20) }
            let sites = RoomEndToEndTests.sites
            for (site, hub) in zip(sites, hubs) { #expect(hub.ingest([HubProcess.raise("\(site)/enc", summary: "\(site) encoder down")]).status == 0) }
            for console in consoles { await console.waitFor("every site's alert", timeout: 15) { screen in sites.allSatisfy { screen.contains("\($0) encoder down") } } }

            try postgres.pause()
            let stopped = Date()
            for console in consoles { await console.waitFor(text: "ISOLATED", timeout: 20) }
            // The burst: each second, at every site, an alert of its own and a note on its encoder alert.
            let operators = try hubs.map { hub in try #require(LineClient(socket: hub.socket)) }
            for client in operators { client.send(#"{"kind":"hello","version":1,"role":"console"}"#) }
            var rounds = 0
            while Date().timeIntervalSince(stopped) < 30 {
                rounds += 1
                for (index, (site, hub)) in zip(sites, hubs).enumerated() {
                    _ = hub.ingest([HubProcess.raise("\(site)/burst-\(rounds)", summary: "\(site) burst \(rounds)")])
                    operators[index].send(Self.note("round \(rounds)", on: "\(site)/enc", idempotency: "\(site)-note-\(rounds)"))
                }
                try await Task.sleep(for: .seconds(1))  // the burst's pace, not a wait for anything
            }
            for (site, console) in zip(sites, consoles) {
                await console.waitFor("\(site) isolated with its actions queued and its own alerts shown", timeout: 10) {
                    $0.contains("ISOLATED") && $0.contains("actions queued") && $0.contains("\(site) burst \(rounds)")
                }
            }
            try postgres.resume()
            let resumed = Date()
            for console in consoles {
                await console.waitFor("the room rejoined", timeout: 30) { !$0.contains("ISOLATED") && $0.contains("· decides ") }
            }
            print("three sites back in the room \(String(format: "%.2f", Date().timeIntervalSince(resumed))) s after the database returned, after \(rounds) rounds cut off")

            // Each action once, none lost.
            let counts = try postgres.query("SELECT count(*), count(DISTINCT event_id) FROM room_log WHERE type = 'alert.action'")
            #expect(counts.trimmingCharacters(in: .whitespacesAndNewlines) == "\(3 * rounds)|\(3 * rounds)", "actions in the log: \(counts)")
            // One state: the three hubs at the same log position hold the same room.
            let converged = await poll(timeout: 20, every: 0.2) { () -> [(seq: Int, digest: String)]? in
                let snapshots = hubs.compactMap(Self.snapshot)
                guard snapshots.count == 3, Set(snapshots.map(\.seq)).count == 1, Set(snapshots.map(\.digest)).count == 1 else { return nil }
                return snapshots
            }
            #expect(converged != nil, "the hubs' states differ: \(hubs.compactMap(Self.snapshot).map { "seq \($0.seq), \($0.digest.count) bytes" })")
            if let converged { print("states equal at log position \(converged[0].seq) (\(converged[0].digest.count) bytes each)") }
            for console in consoles {
                await console.waitFor("every site's burst, in every console", timeout: 15) { screen in sites.allSatisfy { screen.contains("\($0) burst \(rounds)") } }
            }
            for console in consoles { console.sendKeys("q") }
            for console in consoles { #expect(await console.waitForExit() == 0) }
            for hub in hubs { #expect(hub.stop() == 0) }
        }
    }
}
