import Foundation
import Testing

/// `tally report` from the command line: a recording's figures as JSON, the built-in night as
/// text and Markdown, and the refusals of bad options and files.
struct ReportCommandTests {
    static let environment = ["PATH": "/usr/bin:/bin", "TZ": "UTC", "XDG_CONFIG_HOME": "/nonexistent"]

    @Test func aRecordingsFiguresComeOutAsJSON() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        func raise(_ seq: Int, _ time: String, _ key: String) -> String {
            #"{"seq":\#(seq),"ts":"2026-03-14T\#(time).000Z","type":"alert.raised","source":"t","v":1,"data":{"dedup_key":"\#(key)","severity":"critical","summary":"primary stale","source":"t","labels":{"event":"wbc-1","team":"ingest"}}}"#
        }
        func ack(_ seq: Int, _ time: String, _ id: Int) -> String {
            #"{"seq":\#(seq),"ts":"2026-03-14T\#(time).000Z","type":"alert.action","source":"t","v":1,"data":{"alert_id":\#(id),"action":"ack","actor":"maria","channel":"key"}}"#
        }
        let lines = [
            #"{"tally":"recording","version":1,"started":"2026-03-14T18:00:00.000Z","meta":{}}"#,
            raise(1, "18:00:00", "feed.stale/a"), ack(2, "18:01:00", 1),
            raise(3, "18:10:00", "feed.stale/b"), ack(4, "18:13:00", 2),
            raise(5, "18:20:00", "feed.down/c"),
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = ProcessRunner.run([TallyBinary.path, "report", file.path, "--format", "json"], environment: Self.environment)
        #expect(result.status == 0, "\(result.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(report["alerts"] as? Int == 3)
        let acknowledge = try #require(report["acknowledge"] as? [String: Any])
        let overall = try #require(acknowledge["overall"] as? [String: Any])
        #expect(overall["count"] as? Int == 2 && overall["median"] as? Double == 120 && overall["worst"] as? Double == 180)
        #expect(acknowledge["never"] as? Int == 1)
        let pages = try #require(report["pages"] as? [[String: Any]])
        #expect(pages.first?["person"] as? String == "maria" && pages.first?["pages"] as? Int == 3, "the demo roster's primary at 11:00 in Los Angeles")
    }

    @Test func theBuiltInNightReadsAsTextAndAsMarkdownForOneEvent() {
        let text = ProcessRunner.run([TallyBinary.path, "report"], environment: Self.environment)
        #expect(text.status == 0)
        #expect(text.output.contains("Tally report: every event") && text.output.contains("from the built-in night"))
        #expect(text.output.contains("How the figures were computed"))
        let markdown = ProcessRunner.run([TallyBinary.path, "report", "--event", "wbc-03", "--format", "md"], environment: Self.environment)
        #expect(markdown.status == 0)
        #expect(markdown.output.hasPrefix("# After-show report: USA v Mexico (Pool C) (wbc-03)"), "one event's day is its after-show report")
        for section in ["## Timeline [1]", "## Viewers [2]", "## Feeds: time down [3]", "## Viewer-minutes affected, by alert [4]"] {
            #expect(markdown.output.contains(section), "\(section)")
        }
        #expect(markdown.output.contains("## Time to acknowledge [6]") && markdown.output.contains("| overall | 3 |"))
        let narrowed = ProcessRunner.run([TallyBinary.path, "report", "--event", "wbc-03", "--site", "lg", "--format", "md"], environment: Self.environment)
        #expect(narrowed.output.hasPrefix("# Tally report: wbc-03 USA v Mexico"), "narrowed further, the figures alone")
    }

    @Test(arguments: [
        (["--from", "yesterday"], "--from must be an RFC 3339 time"),
        (["--since", "soon"], "--since:"),
        (["--from", "2026-03-14T20:00:00Z", "--to", "2026-03-14T19:00:00Z"], "--to must come after --from"),
        (["--format", "pdf"], "--format"),
        (["/nonexistent/night.jsonl"], "/nonexistent/night.jsonl"),
    ])
    func badOptionsAndFilesAreRefusedWithAReason(arguments: [String], reason: String) {
        let result = ProcessRunner.run([TallyBinary.path, "report"] + arguments, environment: Self.environment)
        #expect(result.status != 0)
        #expect(result.output.contains(reason), "\(result.output)")
    }
}
