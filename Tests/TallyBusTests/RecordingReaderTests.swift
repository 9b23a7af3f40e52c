import Foundation
import Testing
import TallyCore
@testable import TallyBus

struct RecordingReaderTests {
    static let header = #"{"tally":"recording","version":1,"started":"2026-03-14T19:00:00.000Z","meta":{}}"#
    static func line(_ seq: Int, key: String = "k") -> String {
        #"{"seq":\#(seq),"ts":"2026-03-14T19:00:0\#(seq).000Z","type":"alert.raised","source":"t","v":1,"data":{"dedup_key":"\#(key)","severity":"warning","summary":"s","source":"t","labels":{}}}"#
    }

    func read(_ text: String) throws(RecordingError) -> Recording {
        try RecordingReader().read(data: Data(text.utf8), name: "night.jsonl")
    }

    @Test func writerOutputReadsBackIdentically() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!
        let writer = try RecordingWriter(path: path, header: RecordingHeader(started: start, meta: ["scenario": "test"]))
        let envelopes = (1...3000).map { index in
            Envelope(seq: UInt64(index), timestamp: start.adding(seconds: Double(index)), source: "t",
                     event: .viewers(ViewerSample(eventId: "e\(index % 7)", concurrent: index * 1000)))
        }
        for envelope in envelopes { try writer.append(envelope) }
        try writer.close()
        let recording = try RecordingReader().read(path: path)
        #expect(recording.header.meta == ["scenario": "test"])
        #expect(recording.envelopes == envelopes)
        #expect(recording.issues.isEmpty)
        #expect(!recording.hasTruncatedTail)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(#"{"tally":"recording","version":1,"#))
        // Appended one by one, 3,000 envelopes end in room for over 4,000.
        #expect(recording.envelopes.capacity < 3_072, "held in an array of their number, counted first")
    }

    @Test func malformedLinesAreReportedWithFileAndLineAndSkipped() throws {
        let text = [Self.header, Self.line(1), "this is not json", #"{"seq":3}"#,
                    #"{"seq":4,"ts":"2026-03-14T19:00:04Z","type":"feed.teleport","source":"t","v":1,"data":{}}"#,
                    #"{"seq":5,"ts":"not a time","type":"alert.cleared","source":"t","v":1,"data":{"dedup_key":"k"}}"#,
                    "", Self.line(7)].joined(separator: "\n") + "\n"
        let recording = try read(text)
        #expect(recording.envelopes.map(\.seq) == [1, 7])
        #expect(recording.issues.map(\.description) == [
            "night.jsonl:3: not valid JSON",
            "night.jsonl:4: missing key \"ts\"",
            "night.jsonl:5: unknown event type \"feed.teleport\"",
            "night.jsonl:6: bad value at \"ts\": not an RFC 3339 date-time: not a time",
        ])
    }

    @Test func aTruncatedLastLineIsToleratedSilently() throws {
        let text = Self.header + "\n" + Self.line(1) + "\n" + String(Self.line(2).prefix(40))
        let recording = try read(text)
        #expect(recording.envelopes.count == 1)
        #expect(recording.issues.isEmpty)
        #expect(recording.hasTruncatedTail)
    }

    @Test func aCompleteLastLineWithoutNewlineIsKept() throws {
        let recording = try read(Self.header + "\n" + Self.line(1))
        #expect(recording.envelopes.count == 1)
        #expect(!recording.hasTruncatedTail)
    }

    @Test func emptyFileIsAClearError() {
        #expect(throws: RecordingError.empty(file: "night.jsonl")) { try read("") }
    }

    @Test func garbageWithoutAHeaderIsNotARecording() {
        #expect {
            try read("\u{0}\u{1}binary garbage\n\n")
        } throws: { error in
            "\(error)".hasPrefix("night.jsonl:1: not a Tally recording")
        }
    }

    @Test func newerVersionsAreRefusedByName() {
        let header = #"{"tally":"recording","version":9,"started":"2026-03-14T19:00:00Z","meta":{}}"#
        #expect(throws: RecordingError.unsupportedVersion(file: "night.jsonl", version: 9)) { try read(header + "\n") }
    }

    @Test func hugeLinesAreReportedWithoutBeingBuffered() throws {
        var reader = RecordingReader()
        reader.maximumLineLength = 1000
        let text = Self.header + "\n" + String(repeating: "x", count: 5000) + "\n" + Self.line(3) + "\n"
        let recording = try reader.read(data: Data(text.utf8), name: "big.jsonl")
        #expect(recording.issues.map(\.description) == ["big.jsonl:2: line longer than 1000 bytes"])
        #expect(recording.envelopes.map(\.seq) == [3])
    }

    @Test func aMissingFileSaysWhy() {
        #expect {
            try RecordingReader().read(path: "/nonexistent/night.jsonl")
        } throws: { error in
            "\(error)" == "/nonexistent/night.jsonl: cannot read: No such file or directory"
        }
    }
}
