import Foundation
import GRDB
import Testing
import TallyTestSupport

extension EndToEnd {
    /// The hub's HTTP port as the BOC's monitoring reads it, with curl: `/healthz` says ok, and
    /// 503 with the reason once the store cannot be written; `/metrics` counts the alerts.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "curl is not installed: HTTP end-to-end tests skipped"))
    struct HubHTTPEndToEndTests {
        private static func curl(_ url: String) -> (status: String, body: String) {
            // Every answer of the hub ends with a newline; the status follows it.
            let result = ProcessRunner.run(["/usr/bin/curl", "-s", "-w", "%{http_code}", url])
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
            return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
        }

        @Test func healthzTurnsUnhealthyWithTheReasonWhenTheStoreCannotBeWritten() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-http-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let port = Int.random(in: 20_000...60_000)
            let hub = try await HubProcess(folder: folder, extraArguments: ["--webhook", "127.0.0.1:\(port)"])
            let base = "http://127.0.0.1:\(port)"
            let ready = await poll(timeout: 10, every: 0.05) { Self.curl(base + "/healthz").status == "200" ? true : nil }
            #expect(ready == true)
            #expect(Self.curl(base + "/healthz").body == "ok")

            #expect(hub.ingest([HubProcess.raise("enc-1/down", summary: "enc1 down")]).status == 0)
            let counted = await poll(timeout: 10, every: 0.05) {
                Self.curl(base + "/metrics").body.contains("tally_alerts_open{severity=\"critical\",state=\"triggered\"} 1") ? true : nil
            }
            #expect(counted == true)

            // The store's audit table taken away under the hub: its next write fails.
            let store = try DatabaseQueue(path: folder.appendingPathComponent("tally/tally.sqlite").path)
            try await store.write { try $0.execute(sql: "DROP TABLE audit") }
            #expect(hub.ingest([HubProcess.raise("enc-2/down", summary: "enc2 down")]).status == 0)
            let unhealthy = await poll(timeout: 10, every: 0.05) { () -> (status: String, body: String)? in
                let answer = Self.curl(base + "/healthz")
                return answer.status == "503" ? answer : nil
            }
            #expect(unhealthy?.body.hasPrefix("unhealthy: the store cannot be written:") == true, "\(String(describing: unhealthy))")
            #expect(unhealthy?.body.contains("audit") == true)
            #expect(Self.curl(base + "/metrics").body.contains("tally_healthy 0"))
        }
    }
}
