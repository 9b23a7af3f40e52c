import Foundation
import Testing
import TallyCore
@testable import TallyBus

/// Recordings kept gzip-compressed: written by the writer, read back, and damaged.
struct GzipRecordingTests {
    static let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!
    static let envelopes = (1...20_000).map { index in
        Envelope(seq: UInt64(index), timestamp: start.adding(seconds: Double(index)), source: "t",
                 event: .viewers(ViewerSample(eventId: "e\(index % 47)", concurrent: index * 137 % 9_600_000)))
    }

    /// Writes the test envelopes to a new `.jsonl.gz` file and returns its bytes.
    static func compressedRecording() throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-\(UUID()).jsonl.gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try RecordingWriter(path: path, header: RecordingHeader(started: start, meta: [:]))
        for envelope in envelopes { try writer.append(envelope) }
        try writer.close()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func aGzipRecordingReadsBackIdentically() throws {
        let data = try Self.compressedRecording()
        #expect(GzipInflater.isGzip(data))
        let recording = try RecordingReader().read(data: data, name: "night.jsonl.gz")
        #expect(recording.envelopes == Self.envelopes)
        #expect(recording.issues.isEmpty)
        #expect(!recording.hasTruncatedTail)
    }

    @Test func concatenatedMembersReadAsOneRecording() throws {
        let data = try Self.compressedRecording()
        let more = try RecordingReader().read(data: data + data, name: "twice.jsonl.gz")
        #expect(more.envelopes.count == 2 * Self.envelopes.count)
        #expect(more.issues.count == 1, "the second header is not an envelope: \(more.issues)")
    }

    @Test func damageIsReportedAndEverythingBeforeItIsKept() throws {
        var data = try Self.compressedRecording()
        let middle = data.count / 2
        for offset in middle..<(middle + 64) { data[offset] ^= 0x5A }
        let recording = try RecordingReader().read(data: data, name: "night.jsonl.gz")
        let issue = try #require(recording.issues.last)
        #expect(issue.description.hasPrefix("night.jsonl.gz:"))
        #expect(issue.reason == "corrupt compressed data; the rest of the file is skipped")
        #expect(recording.envelopes.count > Self.envelopes.count / 3)
        #expect(recording.envelopes == Array(Self.envelopes.prefix(recording.envelopes.count)))
    }

    @Test func aRecordingCutOffMidStreamKeepsItsCompleteLines() throws {
        let data = try Self.compressedRecording()
        let recording = try RecordingReader().read(data: data.prefix(data.count * 2 / 3), name: "cut.jsonl.gz")
        #expect(recording.envelopes.count > Self.envelopes.count / 2)
        #expect(recording.envelopes == Array(Self.envelopes.prefix(recording.envelopes.count)))
    }
}
