import Foundation
import Testing
import TallyCore
@testable import TallyBus

/// The index beside a long recording: states at any moment equal to playing from the start,
/// kept while the recording stays the same, rebuilt when it changes.
struct RecordingIndexTests {
    static let night = RecordingToolsTests.night

    static func writeNight() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-index-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/night.jsonl"
        try night.write(to: path)
        return path
    }

    @Test func theStateAtAnyMomentIsTheStatePlayingFromTheStartGives() throws {
        let path = try Self.writeNight()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        #expect(RecordingIndex.canIndex(path, minimumBytes: 0))
        #expect(!RecordingIndex.canIndex(path), "a 12 MB night is read whole")
        let index = try RecordingIndex.open(for: path)
        #expect(index.envelopeCount == Self.night.envelopes.count)
        #expect(index.checkpointCount > 20, "a saved state every minute of a 3.5-hour night")
        #expect(index.marks == TimelineMarks(Self.night.envelopes).marks)
        for instant in RecordingToolsTests.instants(Self.night.start, Self.night.end) + [Self.night.start.adding(seconds: 60)] {
            #expect(try index.state(at: instant) == Self.night.state(at: instant), "at \(instant.rfc3339)")
        }
    }

    @Test func theIndexIsKeptWhileTheRecordingStaysAndRebuiltWhenItChanges() throws {
        let path = try Self.writeNight()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = try RecordingIndex.open(for: path)
        let indexPath = RecordingIndex.path(for: path)
        let built = try #require(try FileManager.default.attributesOfItem(atPath: indexPath)[.modificationDate] as? Date)
        _ = try RecordingIndex.open(for: path)
        #expect(try FileManager.default.attributesOfItem(atPath: indexPath)[.modificationDate] as? Date == built, "reused, not rebuilt")
        // The recording grows by one envelope an hour later: the index follows.
        let later = Envelope(seq: 1_000_000, timestamp: Self.night.end.adding(seconds: 3600), source: "test",
                             event: .viewers(ViewerSample(eventId: "wbc-01", concurrent: 1)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((try later.jsonLine(payloadEncoder: WireFormat.makeEncoder()) + "\n").utf8))
        try handle.close()
        let rebuilt = try RecordingIndex.open(for: path)
        #expect(rebuilt.envelopeCount == Self.night.envelopes.count + 1)
        #expect(rebuilt.end == later.timestamp)
    }

    @Test func aCompressedRecordingIsNotIndexed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-index-\(UUID().uuidString.prefix(8)).jsonl.gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Recording(header: Self.night.header, envelopes: Array(Self.night.envelopes.prefix(100))).write(to: path)
        #expect(!RecordingIndex.canIndex(path, minimumBytes: 0))
    }

    @Test func linesThatDoNotParseAreSkippedAndNamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-index-\(UUID().uuidString.prefix(8)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: RecordingIndex.path(for: path)) }
        try Recording(header: Self.night.header, envelopes: Array(Self.night.envelopes.prefix(50))).write(to: path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("garbage\n".utf8))
        try handle.close()
        let index = try RecordingIndex.open(for: path)
        #expect(index.envelopeCount == 50)
        #expect(index.issues.map(\.description) == ["\(path):52: not valid JSON"])
    }
}
