import Foundation
import Testing

/// The player from the keyboard: `g` and a time goes there, backwards as well as forwards, and
/// the console then shows exactly what `tally snapshot` (which plays from the start) shows at
/// that moment.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"), .serialized)
struct ReplayEndToEndTests {
    /// The panes: every line but the header's clock and the footer's keys, trailing blanks dropped.
    static func panes(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.reversed().drop { $0 == " " }.reversed()) }
        return Array(lines.dropFirst().prefix(38))
    }

    @Test func seekingBackwardsShowsWhatPlayingFromTheStartShows() throws {
        let session = try TmuxSession { TallyBinary.command("demo --paused", state: $0) }
        session.waitFor(text: "DEMO")
        let moments = (1...10).reversed().map { String(format: "%02d:%02d:00", $0 * 20 / 60, $0 * 20 % 60) }
        for moment in moments {
            let expected = ProcessRunner.run([TallyBinary.path, "snapshot", "--at", moment, "--size", "120x40"])
            try #require(expected.status == 0, "tally snapshot failed: \(expected.output)")
            session.sendKeys("g")
            session.sendKeys("-l", moment)
            session.sendKeys("Enter")
            session.waitFor("the screen at \(moment)") { Self.panes($0) == Self.panes(expected.output) }
        }
        session.sendKeys("q")
        #expect(session.waitForExit() == 0)
    }

    @Test func aTraineeIsScoredAgainstTheRecordedOperators() throws {
        var folder = URL(fileURLWithPath: "/")
        let session = try TmuxSession { state in
            folder = state
            return TallyBinary.command("demo --train --paused", state: state)
        }
        session.waitFor(text: "DEMO")
        // The first alert comes, the trainee acknowledges it at once; then the next alert comes
        // and the trainee stops there.
        session.sendKeys("]")
        session.waitFor(text: "jumped to alert #1")
        session.sendKeys("a")
        session.waitFor(text: "✓ops")
        session.sendKeys("]")
        session.waitFor(text: "jumped to alert")
        // No going back in training: it is scored as it was played.
        session.sendKeys("g")
        session.sendKeys("-l", "00:00:10")
        session.sendKeys("Enter")
        session.waitFor(text: "training plays the night as it came")
        session.sendKeys("q")
        session.waitFor("the report", timeout: 30) { $0.contains("saved to ") }
        #expect(session.waitForExit() == 0)
        let report = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/tally/training").first)
        let text = try String(contentsOfFile: folder.path + "/tally/training/" + report, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| 1") }
        #expect(rows.count >= 1)
        #expect(rows.first?.contains("| ack 0s (ops) | ack ") == true, "the trainee's answer beside the recorded one: \(rows)")
        #expect(text.contains("| alerts acknowledged | 1 of \(rows.count) |"))
        #expect(text.contains("| missed | \(rows.count - 1) |"))
        #expect(session.screen().contains("alerts acknowledged"), "the report is printed once the screen is given back")
    }
}
