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

    /// A recording in a folder the index cannot be written to (here: something else is in the
    /// way) keeps its index in the cache folder, and finds it there next time.
    @Test func anIndexThatCannotBeKeptBesideTheRecordingIsKeptInTheCache() throws {
        let path = RecordingToolsTests.temporaryPath("small.jsonl")
        let cache = RecordingToolsTests.temporaryPath("cache")
        defer { for item in [path, RecordingIndex.path(for: path), cache] { try? FileManager.default.removeItem(atPath: item) } }
        try Recording(header: Self.night.header, envelopes: Array(Self.night.envelopes.prefix(200))).write(to: path)
        try FileManager.default.createDirectory(atPath: RecordingIndex.path(for: path), withIntermediateDirectories: false)
        let index = try RecordingIndex.open(for: path, cacheDirectory: cache)
        #expect(index.envelopeCount == 200)
        let cached = RecordingIndex.cachePath(for: path, in: cache)
        #expect(FileManager.default.fileExists(atPath: cached))
        let built = try #require(try FileManager.default.attributesOfItem(atPath: cached)[.modificationDate] as? Date)
        #expect(try RecordingIndex.open(for: path, cacheDirectory: cache).envelopeCount == 200)
        #expect(try FileManager.default.attributesOfItem(atPath: cached)[.modificationDate] as? Date == built, "found in the cache, not rebuilt")
        #expect(RecordingIndex.cachePath(for: "/a/night.jsonl", in: cache) != RecordingIndex.cachePath(for: "/b/night.jsonl", in: cache))
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

    /// A seek decodes only the pieces of a saved state it has not seen: seeking to the same
    /// moment again decodes none, and a minute on decodes only what changed in that minute.
    @Test func aSeekDecodesOnlyThePiecesItHasNotSeen() throws {
        // An index of its own: other tests seek through the shared one at the same time.
        let index = try RecordingIndex.open(for: SeekTests.indexedNight.get().source)
        let moment = Self.night.start.adding(seconds: 5400)
        let first = try index.state(at: moment)
        let decoded = index.pieceReader.cachedPieces
        #expect(decoded > 100, "events, feeds, checklists and reminders of 48 events")
        #expect(try index.state(at: moment) == first)
        #expect(index.pieceReader.cachedPieces == decoded, "nothing new to decode")
        #expect(try index.state(at: moment.adding(seconds: 60)) == Self.night.state(at: moment.adding(seconds: 60)))
        let changed = index.pieceReader.cachedPieces - decoded
        #expect(changed > 0 && changed < decoded, "mid-night every event on air changes in a minute; the rest is reused")
        // After the night, little changes from one minute to the next.
        let late = Self.night.end.adding(seconds: -300)
        _ = try index.state(at: late)
        let beforeLate = index.pieceReader.cachedPieces
        #expect(try index.state(at: late.adding(seconds: 60)) == Self.night.state(at: late.adding(seconds: 60)))
        #expect(index.pieceReader.cachedPieces - beforeLate < decoded / 10)
    }

    @Test func thePieceCacheKeepsWhatIsUsedAndAgesOutTheRest() {
        var cache = PieceCache(capacity: 2)
        let reminder = Reminder(eventId: "a", step: "s", at: Instant(millisecondsSinceEpoch: 0), text: "t")
        let lines = (0..<4).map { ArraySlice(Array("line \($0)".utf8)) }
        for line in lines.prefix(2) { cache.insert(.reminder("a", reminder), for: line) }
        #expect(cache.piece(for: lines[0]) != nil)
        cache.insert(.reminder("a", reminder), for: lines[2])  // the current generation was full: it ages
        cache.insert(.reminder("a", reminder), for: lines[3])
        #expect(cache.piece(for: lines[1]) != nil, "found in the older generation, and brought forward")
        #expect(cache.piece(for: lines[0]) == nil, "not asked for over two generations: gone")
        #expect(cache.piece(for: lines[3]) != nil)
        #expect(cache.count <= 4)
    }
}
