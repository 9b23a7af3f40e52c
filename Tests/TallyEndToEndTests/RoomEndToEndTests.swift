import Foundation
import Glibc
import Testing
import TallyTestSupport

extension EndToEnd {
    /// Three sites, one room: hubs in Los Gatos, Los Angeles and Tokyo on one PostgreSQL, with
    /// consoles attached in tmux. What happens at one site shows at every site, and exactly one
    /// hub decides the room's timers and pages.
    @Suite(.enabled(if: TmuxSession.isAvailable && TestPostgres.isAvailable, "tmux or PostgreSQL is missing: room end-to-end tests skipped"))
    struct RoomEndToEndTests {
        static let me = String(cString: getpwuid(getuid())!.pointee.pw_name)
        static let sites = ["los-gatos", "los-angeles", "tokyo"]

        /// A folder for each site's hub, with `alerting` as its alerting.yaml when given.
        static func folders(alerting: String? = nil) throws -> [URL] {
            let folders = sites.map { FileManager.default.temporaryDirectory.appendingPathComponent("tally-room-\($0)-\(UUID().uuidString.prefix(6))") }
            for folder in folders {
                let config = folder.appendingPathComponent("config/tally")
                try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
                if let alerting { try alerting.write(to: config.appendingPathComponent("alerting.yaml"), atomically: true, encoding: .utf8) }
            }
            return folders
        }

        static func hubs(in folders: [URL], room: String) async throws -> [HubProcess] {
            var hubs: [HubProcess] = []
            for (site, folder) in zip(sites, folders) { hubs.append(try await HubProcess(folder: folder, site: site, extraArguments: ["--shared", room])) }
            return hubs
        }

        /// The hubs whose log says they took the room's lease, by index.
        static func deciders(_ folders: [URL]) -> [Int] {
            let logs = folders.map { (try? String(contentsOf: $0.appendingPathComponent("tally/hub.log"), encoding: .utf8)) ?? "" }
            return logs.indices.filter { logs[$0].contains("this hub now decides for the room") }
        }

        @Test func anAlertAtOneSiteShowsAtAllThreeAndAnAcknowledgementAtLosAngelesShowsInTokyo() async throws {
            let room = try TestPostgres.freshDatabase()
            let folders = try Self.folders()
            defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
            let hubs = try await Self.hubs(in: folders, room: room)
            let consoles = try hubs.map { hub in
                try TmuxSession(width: 120, height: 40) { TallyBinary.command("attach --socket \(hub.socket)", state: $0) }
            }
            for console in consoles { await console.waitFor(text: "ATTACHED") }

            #expect(hubs[0].ingest([HubProcess.raise("enc-1/down", summary: "enc1 down at los-gatos")]).status == 0)
            let raised = Date()
            for console in consoles { await console.waitFor(text: "enc1 down at los-gatos", timeout: 15) }
            print("an alert raised at los-gatos shown at all three sites after \(String(format: "%.2f", Date().timeIntervalSince(raised))) s")

            consoles[1].sendKeys("4")
            consoles[1].sendKeys("a")
            let pressed = Date()
            await consoles[2].waitFor(text: "✓\(Self.me)", timeout: 15)
            print("an acknowledgement at los-angeles shown in tokyo after \(String(format: "%.2f", Date().timeIntervalSince(pressed))) s")
            await consoles[0].waitFor(text: "✓\(Self.me)", timeout: 15)
            for console in consoles {
                await console.waitFor("the room's sites and who decides, in the header", timeout: 10) {
                    $0.contains("los-angeles ● los-gatos ● tokyo ●") && $0.contains("· decides ")
                }
            }

            // One hub, and only one, holds the room's lease.
            let deciders = await poll(timeout: 10, every: 0.2) { Self.deciders(folders).isEmpty ? nil : Self.deciders(folders) }
            #expect(deciders?.count == 1, "hubs that took the lease: \(deciders ?? [])")
            // The day's moments are the room's too: the event going live is in the log once, not once a site.
            let live = try TestPostgres.run(["psql", room, "-At", "-c", "SELECT count(*) FROM room_log WHERE type = 'schedule.phase' AND envelope::jsonb #>> '{data,phase}' = 'live'"])
            #expect(live.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "the event's start announced \(live) times")
            for console in consoles { console.sendKeys("q") }
            for console in consoles { #expect(await console.waitForExit() == 0) }
            for hub in hubs { #expect(hub.stop() == 0) }
        }

        /// The hub that decides killed with SIGKILL while an alert waits to escalate: another
        /// takes the lease, and level 2 is paged once, when it falls due, counted at a local
        /// PagerDuty stand-in.
        @Test func theDecidingHubKilledBeforeAnEscalationAnotherPagesItOnce() async throws {
            let pages = try TestHTTPServer { _ in .body(status: 202, contentType: "application/json", bytes: Array(#"{"status":"success"}"#.utf8)) }
            defer { pages.stop() }
            let room = try TestPostgres.freshDatabase()
            let folders = try Self.folders(alerting: """
                policies:
                  - name: on-call
                    levels:
                      - {targets: [rotation:primary], delay: 8s}
                      - {targets: [rotation:secondary], delay: 30m}
                notifiers:
                  - {name: pagerduty, type: pagerduty, url: "\(pages.url("v2/enqueue"))", routing_key: R0UTINGKEY, retries: 0}
                """)
            defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
            let hubs = try await Self.hubs(in: folders, room: room)
            let leader = try #require(await poll(timeout: 15, every: 0.1) { Self.deciders(folders).first }, "no hub took the lease")
            let other = (leader + 1) % hubs.count
            #expect(hubs[other].ingest([HubProcess.raise("enc-1/down", summary: "enc1 down")]).status == 0)
            let raised = Date()
            func level(_ number: Int) -> Int {
                pages.jsonRequests.count { (($0["payload"] as? [String: Any])?["custom_details"] as? [String: Any])?["level"] as? Int == number }
            }
            try #require(await poll(timeout: 10, every: 0.05) { level(1) == 1 ? true : nil } != nil, "level 1 was not paged")

            hubs[leader].stop(signal: SIGKILL)
            let killed = Date()
            let successor = await poll(timeout: 15, every: 0.05) { Self.deciders(folders).first { $0 != leader } }
            #expect(successor != nil, "no other hub took the lease")
            print("lease failover: another hub decides \(String(format: "%.2f", Date().timeIntervalSince(killed))) s after the leader was killed")
            let paged = await poll(timeout: 20, every: 0.05) { level(2) > 0 ? Date() : nil }
            let due = raised.addingTimeInterval(8)
            #expect(paged != nil, "level 2 was never paged")
            if let paged { print("level 2 paged \(String(format: "%.2f", paged.timeIntervalSince(due))) s after it fell due") }
            // Nothing more comes: each level paged once, across the failover.
            let more = await poll(timeout: 3, every: 0.1) { level(1) + level(2) > 2 ? true : nil }
            #expect(more == nil, "pages: level 1 ×\(level(1)), level 2 ×\(level(2))")
            for (site, folder) in zip(Self.sites, folders) {
                let log = (try? String(contentsOf: folder.appendingPathComponent("tally/hub.log"), encoding: .utf8)) ?? ""
                for line in log.split(separator: "\n") where line.contains("room link down") { print("\(site): \(line)") }
            }
            for hub in hubs { hub.stop() }
        }
    }
}
