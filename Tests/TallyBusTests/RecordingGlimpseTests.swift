import Foundation
import Testing
import TallyCore
import TallyScenarios
@testable import TallyBus

/// A glimpse of a recording at a moment shows what reading it whole shows there: the same
/// state, the same strip and the same end, while decoding a fraction of its lines.
struct RecordingGlimpseTests {
    static let night = RecordingToolsTests.night

    @Test func aGlimpseOfTheBuiltInNightIsWhatAWholeReadGivesAtEveryMoment() throws {
        let path = try BuiltInDemo.path()
        let marks = TimelineMarks(Self.night.envelopes).marks
        for seconds in [0.0, 1, 3600, 9000, Self.night.end.seconds(since: Self.night.start)] {
            let moment = Self.night.start.adding(seconds: seconds)
            let glimpse = try RecordingGlimpse(path: path) { start in start.adding(seconds: seconds) }
            #expect(glimpse.state == Self.night.state(at: moment), "at +\(seconds) s")
            #expect(glimpse.marks == marks)
            #expect(glimpse.start == Self.night.start && glimpse.end == Self.night.end)
        }
    }

    @Test func onlyTheLinesBeforeTheMomentAndThoseThatMarkTheStripAreDecoded() throws {
        var decoded = 0
        _ = try RecordingReader().scan(path: try BuiltInDemo.path(), wanted: RecordingGlimpse.mayMark) { _, _ in decoded += 1 }
        #expect(decoded < Self.night.envelopes.count / 20, "\(decoded) of \(Self.night.envelopes.count) lines")
    }

    @Test func aBadLineBeforeTheMomentIsReportedAndTheLastLineGivesTheEnd() throws {
        let path = RecordingToolsTests.temporaryPath("glimpse.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let start = Self.night.start
        let lines = [
            #"{"tally":"recording","version":1,"started":"\#(start.rfc3339)","meta":{}}"#,
            #"{"seq":1,"ts":"\#(start.adding(seconds: 1).rfc3339)","type":"feed.health","source":"m","data":{"feed_id":"f","status":"down","reasons":[]}}"#,
            #"{"seq":2,"ts":"\#(start.adding(seconds: 2).rfc3339)","type":"feed.health","source":"m","data":{"feed_id":"f","status":"sideways","reasons":[]}}"#,
            #"{"seq":3,"ts":"\#(start.adding(seconds: 60).rfc3339)","type":"feed.health","source":"m","data":{"feed_id":"f","status":"ok","reasons":[]}}"#,
            #"{"seq":4,"ts":"\#(start.adding(seconds: 90).rfc3339)","type":"feed.health","source":"m","data":{"feed_id":"f","status":"ok","reasons":[]}}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let glimpse = try RecordingGlimpse(path: path) { $0.adding(seconds: 30) }
        let whole = try RecordingReader().read(path: path)
        #expect(glimpse.issues == whole.issues && glimpse.issues.map(\.line) == [3])
        #expect(glimpse.state == whole.state(at: start.adding(seconds: 30)))
        #expect(glimpse.end == start.adding(seconds: 90) && glimpse.end == whole.end)
    }
}
