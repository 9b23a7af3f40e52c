import Foundation
import Testing

extension EndToEnd {
    /// The player from the keyboard: `g` and a time goes there, backwards as well as forwards, and
    /// the console then shows exactly what `tally snapshot` (which plays from the start) shows at
    /// that moment.
    @Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
    struct ReplayEndToEndTests {
        /// The panes: every line but the header's clock and the footer's keys, trailing blanks dropped.
        static func panes(_ screen: String) -> [String] {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.reversed().drop { $0 == " " }.reversed()) }
            return Array(lines.dropFirst().prefix(38))
        }

        @Test func seekingBackwardsShowsWhatPlayingFromTheStartShows() async throws {
            let session = try TmuxSession { TallyBinary.command("demo --paused", state: $0) }
            #expect(await session.waitFor(text: "DEMO"))
            try await Self.seekBackwards(session, through: (1...10).reversed().map { $0 * 20 })
        }

        /// The night written to a file and played from disk through its index (as a recording over
        /// 32 MB always is): the same screens as playing the night held in memory from the start.
        @Test func seekingThroughTheIndexShowsWhatPlayingFromTheStartShows() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-e2e-\(UUID().uuidString.prefix(8)).jsonl").path
            defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: path + ".tally-index") }
            let written = ProcessRunner.run([TallyBinary.path, "record", "--scenario", "wbc-night", "--compact", "--out", path])
            try #require(written.status == 0, "tally record failed: \(written.output)")
            let session = try TmuxSession { TallyBinary.command("demo --paused --indexed \(path)", state: $0) }
            // It plays at once, while its index is built for seeking.
            await session.waitFor(text: "DEMO")
            await session.waitFor(text: "index built: seeking is ready", timeout: 90)
            #expect(FileManager.default.fileExists(atPath: path + ".tally-index"), "the index is kept beside the recording")
            try await Self.seekBackwards(session, through: [200, 130, 170, 45])
        }

        /// Goes to each of `minutes` (since the start) with `g`, checking the screen against
        /// `tally snapshot` of the built-in night there; then quits.
        static func seekBackwards(_ session: TmuxSession, through minutes: [Int]) async throws {
            for moment in minutes.map({ String(format: "%02d:%02d:00", $0 / 60, $0 % 60) }) {
                let expected = ProcessRunner.run([TallyBinary.path, "snapshot", "--at", moment, "--size", "120x40"])
                try #require(expected.status == 0, "tally snapshot failed: \(expected.output)")
                session.sendKeys("g")
                session.sendKeys("-l", moment)
                session.sendKeys("Enter")
                await session.waitFor("the screen at \(moment)") { Self.panes($0) == Self.panes(expected.output) }
            }
            session.sendKeys("q")
            #expect(await session.waitForExit() == 0)
        }

        @Test func aTraineeIsScoredAgainstTheRecordedOperators() async throws {
            var folder = URL(fileURLWithPath: "/")
            let session = try TmuxSession { state in
                folder = state
                return TallyBinary.command("demo --train --paused", state: state)
            }
            await session.waitFor(text: "DEMO")
            // The first alert comes, the trainee acknowledges it at once; then the next alert comes
            // and the trainee stops there.
            session.sendKeys("]")
            await session.waitFor(text: "jumped to alert #1")
            session.sendKeys("a")
            await session.waitFor(text: "✓ops")
            session.sendKeys("]")
            await session.waitFor(text: "jumped to alert")
            // No going back in training: it is scored as it was played.
            session.sendKeys("g")
            session.sendKeys("-l", "00:00:10")
            session.sendKeys("Enter")
            await session.waitFor(text: "training plays the night as it came")
            session.sendKeys("q")
            await session.waitFor("the report", timeout: 30) { $0.contains("saved to ") }
            #expect(await session.waitForExit() == 0)
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
}
