import Foundation
import Testing
import TallyCore
import TallyScenarios
@testable import TallyBus

/// The built-in night played as it is read hands out exactly what the night held in memory
/// hands out, in order, from its first envelope to its end; its glance gives the same marks and
/// end, and its seeks stand where the night in memory stands.
struct StreamingSourceTests {
    static let night = RecordingToolsTests.night

    @Test func playedAsItIsReadItHandsOutTheWholeNightInOrder() throws {
        var source = try StreamingSource(path: BuiltInDemo.path())
        #expect(source.start == Self.night.start)
        #expect(source.nextTimestamp == Self.night.envelopes.first?.timestamp, "the first envelope, read at once")
        var handedOut: [Envelope] = []
        var moment = Self.night.start
        while source.nextTimestamp != nil {
            moment = moment.adding(seconds: 300)
            let batch = source.take(through: moment, limit: 5000)
            #expect(batch.allSatisfy { $0.timestamp <= moment } && batch.count <= 5000)
            handedOut += batch
        }
        #expect(handedOut == Self.night.envelopes)
        source.finishReading()
        #expect(source.isSurveyed)
        #expect(source.end == Self.night.end && source.marks == TimelineMarks(Self.night.envelopes).marks)
    }

    @Test func seeksForwardsAndBackwardsStandWhereTheNightInMemoryStands() throws {
        var source = try StreamingSource(path: BuiltInDemo.path())
        var memory = MemorySource(recording: Self.night)
        for minutes in [90.0, 10, 0, 200, 45.5] {
            let moment = Self.night.start.adding(seconds: minutes * 60)
            #expect(try source.seek(to: moment) == memory.seek(to: moment), "state at \(minutes) min")
            #expect(source.take(through: moment.adding(seconds: 60), limit: .max) == memory.take(through: moment.adding(seconds: 60), limit: .max))
        }
        let end = try source.seek(to: Self.night.end)
        #expect(end == memory.seek(to: Self.night.end) && source.nextTimestamp == nil)
    }

    @Test func aRecordingCutShortOrWithBadLinesPlaysWhatParsesAndMarksItsLastWholeMoment() throws {
        let encoder = WireFormat.makeEncoder()
        let lines = try Self.night.envelopes.prefix(300).map { try $0.jsonLine(payloadEncoder: encoder) }
        let text = ([Self.night.header.jsonLine()] + lines[..<100] + ["{\"seq\":\"not a number\"}", "not json"] + lines[100...]).joined(separator: "\n") + "\n{\"seq\":9999,\"ts\":\"20"
        let path = RecordingToolsTests.temporaryPath("cut-short.jsonl")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = try StreamingSource(path: path)
        #expect(source.take(through: Self.night.end, limit: .max) == Array(Self.night.envelopes.prefix(300)))
        source.finishReading()
        #expect(source.end == Self.night.envelopes[299].timestamp)
    }

    @Test func aFileThatIsNotARecordingIsRefusedAsTheReaderRefusesIt() throws {
        let path = RecordingToolsTests.temporaryPath("not-a-recording.jsonl")
        try Data("{\"hello\":1}\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: RecordingError.self) { try StreamingSource(path: path) }
        #expect(throws: RecordingError.self) { try StreamingSource(path: path + ".missing") }
    }
}
