import Foundation
import Testing
import TallyCore
@testable import TallyBus

/// A long recording plays from its first envelope while its index is built on a thread of its
/// own; seeks wait for the index, and a recording whose index cannot be kept anywhere still
/// plays, with seeking refused and the reason given.
struct IndexBuilderTests {
    static let night = RecordingToolsTests.night

    static func waitUntilDone(_ builder: IndexBuilder) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if case .building = builder.progress { try? await Task.sleep(for: .milliseconds(50)) } else { return true }
        }
        return false
    }

    @Test func aRecordingPlaysWhileItsIndexIsBuiltAndSeeksOnceItIsReady() async throws {
        let path = try RecordingIndexTests.writeNight()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let builder = IndexBuilder(building: path)
        var source = try IndexedSource(path: path, indexing: builder)
        #expect(source.start == Self.night.start)
        #expect(source.end == Self.night.end, "read from the file's last line, before the index has it")
        let firstMinute = Self.night.start.adding(seconds: 60)
        #expect(source.take(through: firstMinute, limit: .max) == Self.night.envelopes.filter { $0.timestamp <= firstMinute })
        let moment = Self.night.start.adding(seconds: 7200)
        if source.indexFraction != nil {
            #expect(throws: IndexedSource.IndexNotReady.self) { try source.seek(to: moment) }
        }
        #expect(await Self.waitUntilDone(builder))
        #expect(source.indexFraction == nil)
        #expect(source.marks == TimelineMarks(Self.night.envelopes).marks)
        #expect(try source.seek(to: moment) == Self.night.state(at: moment))
        #expect(source.nextTimestamp.map { $0 > moment } == true)
    }

    @Test func aRecordingWhoseIndexCannotBeKeptPlaysWithSeekingRefused() async throws {
        let path = RecordingToolsTests.temporaryPath("nowhere.jsonl")
        let blocked = RecordingToolsTests.temporaryPath("not-a-folder")
        defer { for item in [path, RecordingIndex.path(for: path), blocked] { try? FileManager.default.removeItem(atPath: item) } }
        try Recording(header: Self.night.header, envelopes: Array(Self.night.envelopes.prefix(300))).write(to: path)
        // Something else where the index would go, and a file where the cache folder would be.
        try FileManager.default.createDirectory(atPath: RecordingIndex.path(for: path), withIntermediateDirectories: false)
        try Data().write(to: URL(fileURLWithPath: blocked))
        let builder = IndexBuilder(building: path, cacheDirectory: blocked + "/indexes")
        var source = try IndexedSource(path: path, indexing: builder)
        #expect(await Self.waitUntilDone(builder))
        guard case .failed(let reason) = builder.progress else { Issue.record("the index cannot have been saved"); return }
        #expect(reason.contains("could not be saved"))
        #expect(source.take(through: Self.night.end, limit: .max).count == 300, "it still plays")
        #expect(throws: IndexedSource.IndexNotReady.self) { try source.seek(to: Self.night.start) }
    }
}
