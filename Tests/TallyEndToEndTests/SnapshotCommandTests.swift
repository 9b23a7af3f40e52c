import Foundation
import Testing

/// `tally snapshot` and `tally record` from the command line.
struct CommandLineTests {
    @Test func snapshotPrintsTheScreenAtAMoment() {
        let result = ProcessRunner.run([TallyBinary.path, "snapshot", "--at", "00:27:00", "--size", "100x30"],
                                       environment: ["TALLY_OPERATOR": "ops", "PATH": "/usr/bin:/bin", "TZ": "UTC"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 30)
        #expect(lines.first?.contains("18:27:00 UTC") == true)
        #expect(result.output.contains("op ops"))
    }

    @Test func aMomentOutsideTheRecordingIsAClearError() {
        let result = ProcessRunner.run([TallyBinary.path, "snapshot", "--at", "09:00:00"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status != 0)
        #expect(result.output.contains("outside the recording"))
    }

    @Test func snapshotOfADamagedRecordingReportsLinesAndStillDraws() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = #"""
        {"tally":"recording","version":1,"started":"2026-03-14T18:00:00.000Z","meta":{}}
        {"seq":1,"ts":"2026-03-14T18:00:01.000Z","type":"alert.raised","source":"t","v":1,"data":{"dedup_key":"k","severity":"critical","summary":"primary stale","source":"t","labels":{}}}
        garbage here
        {"seq":3,"ts":"2026-03-14T18:00:02.000Z","type":"alert.raised","source":"t","v":1,"data":{"dedup_key
        """#
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = ProcessRunner.run([TallyBinary.path, "snapshot", file.path, "--at", "00:00:01", "--size", "80x24"],
                                       environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 0)
        #expect(result.output.contains("\(file.path):3: not valid JSON"))
        #expect(result.output.contains("primary stale"))
    }

    @Test func recordWritesTheSameNightForTheSameSeed() throws {
        let directory = FileManager.default.temporaryDirectory
        let first = directory.appendingPathComponent("a-\(UUID()).jsonl").path, second = directory.appendingPathComponent("b-\(UUID()).jsonl").path
        defer { unlink(first); unlink(second) }
        for path in [first, second] {
            let result = ProcessRunner.run([TallyBinary.path, "record", "--scenario", "wbc-night", "--hours", "0.25", "--out", path],
                                           environment: ["PATH": "/usr/bin:/bin"])
            #expect(result.status == 0, "\(result.output)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: first)), b = try Data(contentsOf: URL(fileURLWithPath: second))
        #expect(a == b)
        #expect(a.count > 100_000)
    }
}
