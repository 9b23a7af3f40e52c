import Foundation
import Glibc
import Testing
import TallyTestSupport

extension EndToEnd {
    /// Acknowledgements reported as done survive `kill -9`: a child acknowledges a burst of
    /// alerts, printing each only once it is stored, and is killed mid-burst.
    @Suite
    struct CrashEndToEndTests {
        @Test func everyAcknowledgementReportedBeforeSIGKILLIsInTheStore() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-crash-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = folder.appendingPathComponent("tally.sqlite").path
            let output = folder.appendingPathComponent("drill.out").path
            let pid = try #require(ProcessRunner.spawn([TallyBinary.path(of: "tally-bench"), "ack-drill", "--store", store, "--alerts", "1000"],
                                                       output: output))
            let reported = await BackgroundProcess.waitForLines(in: output, timeout: 60) { lines in
                lines.filter { $0.hasPrefix("acked #") }.count >= 150
            }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            #expect(status & 0x7F == SIGKILL, "the drill was killed, not finished")
            let acknowledged = Set(reported.compactMap { $0.hasPrefix("acked #") ? Int($0.dropFirst(7)) : nil })
            #expect(acknowledged.count >= 150)

            let audit = ProcessRunner.run([TallyBinary.path, "audit", "--json", "--store", store])
            #expect(audit.status == 0, "the store opens after the crash: \(audit.output.prefix(300))")
            var stored: Set<Int> = []
            for line in audit.output.split(separator: "\n") {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      object["action"] as? String == "acknowledged", let id = object["alert_id"] as? Int else { continue }
                stored.insert(id)
            }
            let missing = acknowledged.subtracting(stored)
            #expect(missing.isEmpty, "reported as done but not stored: \(missing.sorted().prefix(10))")
        }
    }
}

/// A child process left running, its output going to a file.
enum BackgroundProcess {
    /// Polls `path` until its complete lines satisfy `done` or the deadline passes; returns them.
    static func waitForLines(in path: String, timeout: Double, until done: ([String]) -> Bool) async -> [String] {
        var lines: [String] = []
        _ = await poll(timeout: timeout, every: 0.02) {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            lines = text.hasSuffix("\n") ? text.split(separator: "\n").map(String.init)
                : text.split(separator: "\n").dropLast().map(String.init)
            return done(lines) ? true : nil
        }
        return lines
    }
}
