import Foundation
import Testing
import TallyCore
import TallyScenarios
@testable import TallyBus

/// `tally recording cut|merge|verify|info` on the built-in night and on damaged files: a cut
/// shows what the whole showed at every instant in it, a merge of two hubs' halves is the
/// night again, and damage is reported by line.
struct RecordingToolsTests {
    static let night = try! BuiltInDemo.recording()

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tally-tools-\(UUID().uuidString.prefix(8))-\(name)").path
    }

    /// Ten instants spread over `start...end`.
    static func instants(_ start: Instant, _ end: Instant) -> [Instant] {
        (0..<10).map { start.adding(seconds: end.seconds(since: start) * Double($0) / 9) }
    }

    @Test func aCutWrittenAndReadBackShowsWhatTheWholeShowedAtEveryInstant() throws {
        let (start, end) = (Self.night.start.adding(seconds: 3600), Self.night.start.adding(seconds: 7200))
        let path = Self.temporaryPath("cut.jsonl.gz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.night.cut(from: start, to: end).write(to: path)
        let cut = try RecordingReader().read(path: path)
        #expect(cut.start == start)
        #expect(cut.header.state != nil)
        #expect(cut.envelopes.allSatisfy { $0.timestamp >= start && $0.timestamp <= end })
        for instant in Self.instants(start, end) {
            #expect(cut.state(at: instant) == Self.night.state(at: instant), "at \(instant.rfc3339)")
        }
    }

    /// `tally recording cut` on files: through the index of a plain recording, and by reading a
    /// gzip one through, the cut is the one the recording held whole gives.
    @Test func aCutOfAFileIsTheCutOfTheRecordingHeldWhole() throws {
        let (start, end) = (Self.night.start.adding(seconds: 3600), Self.night.start.adding(seconds: 7200))
        let indexed = try SeekTests.indexedNight.get()
        let compressed = Self.temporaryPath("night.jsonl.gz")
        defer { try? FileManager.default.removeItem(atPath: compressed) }
        try Self.night.write(to: compressed)
        for (source, index) in [(indexed.source, indexed), (compressed, nil)] as [(String, RecordingIndex?)] {
            for stretch in [end, nil] as [Instant?] {
                let expected = Self.night.cut(from: start, to: stretch ?? Self.night.end)
                let out = Self.temporaryPath("cut.jsonl")
                defer { try? FileManager.default.removeItem(atPath: out) }
                let written = try RecordingCutter.cut(source, index: index, from: start, to: stretch, out: out)
                let cut = try RecordingReader().read(path: out)
                #expect(written == expected.envelopes.count, "\(source) to \(stretch?.rfc3339 ?? "the end")")
                #expect(cut.envelopes == expected.envelopes)
                #expect(cut.header.state == expected.header.state)
                #expect(cut.start == start)
            }
        }
    }

    @Test func twoHubsHalvesMergeBackIntoTheNight() throws {
        let middle = Self.night.start.adding(seconds: 5400)
        let early = Recording(header: Self.night.header, envelopes: Self.night.envelopes.filter { $0.timestamp < middle })
        let late = Recording(header: RecordingHeader(started: middle), envelopes: Self.night.envelopes.filter { $0.timestamp >= middle })
        let merged = try Recording.merged([("late.jsonl", late), ("early.jsonl", early)])
        #expect(merged.envelopes.map(\.seq) == Array(1...UInt64(Self.night.envelopes.count)))
        #expect(merged.envelopes.map(\.event) == Self.night.envelopes.map(\.event))
        #expect(merged.start == Self.night.start)
        #expect(merged.header.meta["merged"] == "late.jsonl early.jsonl")
    }

    @Test func aMergeInterleavesByTimeAndKeepsEachHubsOrderAmongEqualTimes() throws {
        let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!
        func recording(_ site: String, _ seconds: [Double]) -> Recording {
            Recording(header: RecordingHeader(started: t0), envelopes: seconds.enumerated().map { index, offset in
                Envelope(seq: UInt64(index + 1), timestamp: t0.adding(seconds: offset), source: "\(site)-\(index)",
                         event: .viewers(ViewerSample(eventId: site, concurrent: index)))
            })
        }
        let merged = try Recording.merged([("a", recording("la", [0, 2, 2, 5])), ("b", recording("tokyo", [1, 2, 3]))])
        #expect(merged.envelopes.map(\.source) == ["la-0", "tokyo-0", "la-1", "la-2", "tokyo-1", "tokyo-2", "la-3"])
        #expect(throws: RecordingError.self) { try Recording.merged([("cut", Self.night.cut(from: t0, to: t0)), ("a", merged)]) }
    }

    @Test func verifyReportsEveryKindOfDamageByLine() throws {
        let header = #"{"tally":"recording","version":1,"started":"2026-03-14T19:00:00.000Z","meta":{}}"#
        func line(_ seq: Int, _ second: Int) -> String {
            #"{"seq":\#(seq),"ts":"2026-03-14T19:00:0\#(second).000Z","type":"viewers.sample","source":"t","v":1,"data":{"event_id":"e","concurrent":1}}"#
        }
        let text = [header, line(1, 1), "garbage", line(3, 3), line(2, 4), line(4, 2), String(line(5, 5).prefix(40))].joined(separator: "\n")
        // Read a chunk at a time, as `tally recording verify` and `info` do.
        let path = Self.temporaryPath("damaged.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let checked = try RecordingVerifier.check(file: path)
        #expect(checked.problems.map(\.description) == [
            "\(path):3: not valid JSON",
            "\(path):5: seq 2 after 3: not increasing",
            "\(path):6: time runs backwards: 2026-03-14T19:00:02.000Z after 2026-03-14T19:00:04.000Z",
            "\(path):7: last line cut short (ignored on replay)",
        ])
        #expect(checked.envelopes == 4)
        let summary = try RecordingSummary.of(path: path)
        #expect(summary.envelopes == 4)
        #expect(summary.problems == 2)
        #expect(summary.bytes == text.utf8.count)
    }

    @Test func theSummaryOfALongRecordingIsCountedWithoutHoldingIt() throws {
        let path = Self.temporaryPath("night.jsonl.gz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.night.write(to: path)
        let summary = try RecordingSummary.of(path: path)
        #expect(summary.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        #expect((summary.start, summary.end, summary.envelopes) == (Self.night.start, Self.night.end, Self.night.envelopes.count))
        #expect(summary.byType == Dictionary(grouping: Self.night.envelopes, by: \.event.type).mapValues(\.count))
        #expect(summary.events == 48)
        #expect(summary.problems == 0)
    }
}
