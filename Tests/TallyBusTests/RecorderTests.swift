import Foundation
import Testing
import TallyCore
@testable import TallyBus

/// Recording in live use: flushed within a second, cut into numbered parts by size or age,
/// and read back as one.
struct RecorderTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-recorder-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func envelope(_ index: Int, everySeconds: Double = 1) -> Envelope {
        Envelope(seq: UInt64(index + 1), timestamp: t0.adding(seconds: Double(index) * everySeconds), source: "test",
                 event: .viewers(ViewerSample(eventId: "e\(index % 5)", concurrent: 1000 + index)))
    }

    @Test func partsCutBySizePlayBackAsOne() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = folder + "/night.jsonl"
        let recorder = Recorder(path: base, meta: ["site": "test"], rotation: try Recorder.Rotation(parsing: "20KB"), atWall: 0)
        let envelopes = (0..<1000).map { Self.envelope($0) }
        for envelope in envelopes { try recorder.append(envelope) }
        try recorder.close()
        let parts = RecordingSeries.parts(of: base)
        #expect(parts.count >= 5)
        #expect(parts.first == folder + "/night-0001.jsonl")
        for part in parts.dropLast() {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: part)[.size] as? Int)
            #expect(size >= 20 * 1024 && size < 21 * 1024, "\(part) is \(size) bytes")
        }
        let second = try RecordingReader().read(path: parts[1])
        #expect(second.header.meta == ["site": "test", "part": "2"])
        let joined = try RecordingSeries.read(base)
        #expect(joined.envelopes == envelopes)
        #expect(joined.header.meta == ["site": "test", "parts": "\(parts.count)"])
    }

    @Test func partsCutByAgeStartOnTheirFirstEnvelope() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = folder + "/night.jsonl.gz"
        let recorder = Recorder(path: base, meta: [:], rotation: try Recorder.Rotation(parsing: "1m"), atWall: 0)
        for index in 0..<30 { try recorder.append(Self.envelope(index, everySeconds: 10)) }
        try recorder.close()
        let parts = RecordingSeries.parts(of: base)
        #expect(parts == (1...5).map { folder + String(format: "/night-%04d.jsonl.gz", $0) })
        let starts = try parts.map { try RecordingReader().read(path: $0).start }
        #expect(starts == (0..<5).map { Self.t0.adding(seconds: Double($0) * 60) })
        #expect(try RecordingSeries.read(base).envelopes.count == 30)
    }

    @Test func whatWasAppendedReachesTheFileWithinASecond() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/live.jsonl"
        let recorder = Recorder(path: path, meta: [:], atWall: 100)
        try recorder.open(at: Self.t0)
        try recorder.append(Self.envelope(0))
        try recorder.flushIfDue(atWall: 100.5)
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty, "buffered for now")
        try recorder.flushIfDue(atWall: 101)
        #expect(try RecordingReader().read(path: path).envelopes == [Self.envelope(0)])
        try recorder.close()
    }
}
