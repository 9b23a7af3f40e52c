import Foundation
import Testing
import TallyCore
import TallyScenarios
@testable import TallyBus

/// The envelope byte reader against `JSONDecoder`: on every line of the built-in night, of a
/// night the scenario writes, and of every fuzz corpus, the two give the same envelope, or the
/// same reason for refusing the line; and the byte reader, not the fallback, reads the lines
/// that fill recordings.
struct EnvelopeCodecTests {
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/corpus").standardized

    /// What reading `line` gives, as something two paths can be compared by.
    enum Outcome: Equatable {
        case envelope(Envelope)
        case refused(String)
    }

    static func throughJSONDecoder(_ line: ArraySlice<UInt8>) -> Outcome {
        do { return .envelope(try JSONDecoder().decode(Envelope.self, from: Data(line))) } catch { return .refused(RecordingReader.explain(error)) }
    }

    static func throughCodec(_ line: ArraySlice<UInt8>) -> Outcome {
        do { return .envelope(try EnvelopeDecoder().decode(line)) } catch { return .refused(RecordingReader.explain(error)) }
    }

    /// The lines of `lines` both paths disagree on, and how many the byte reader took itself.
    static func compare(_ lines: [ArraySlice<UInt8>]) -> (disagreements: [String], direct: Int) {
        var disagreements: [String] = []
        var direct = 0
        for line in lines {
            if line.withUnsafeBytes(EnvelopeDecoder.readDirectly) != nil { direct += 1 }
            if throughCodec(line) != throughJSONDecoder(line) { disagreements.append(String(decoding: line.prefix(160), as: UTF8.self)) }
        }
        return (disagreements, direct)
    }

    static func lines(_ bytes: some Collection<UInt8>) -> [ArraySlice<UInt8>] {
        Array(bytes).split(separator: 10, omittingEmptySubsequences: true)
    }

    @Test func theBuiltInNightReadsTheSameAndMostlyWithoutJSONDecoder() throws {
        let night = try BuiltInDemo.recording()
        let encoder = WireFormat.makeEncoder()
        let lines = try night.envelopes.map { ArraySlice(Array(try $0.jsonLine(payloadEncoder: encoder).utf8)) }
        let (disagreements, direct) = Self.compare(lines)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
        #expect(Double(direct) >= 0.9 * Double(lines.count), "\(direct) of \(lines.count) lines read without JSONDecoder")
    }

    @Test func aNightTheScenarioWritesReadsBackAsItWasWritten() throws {
        var options = WBCNightScenario.Options()
        options.seed = 7
        options.hours = 1
        options.eventCount = 12
        let envelopes = WBCNightScenario(options: options).recording().envelopes
        let encoder = WireFormat.makeEncoder()
        let decoder = EnvelopeDecoder()
        for envelope in envelopes {
            let line = try envelope.jsonLine(payloadEncoder: encoder)
            #expect(try decoder.decode(line) == envelope, "\(line.prefix(160))")
        }
        #expect(Self.compare(try envelopes.map { ArraySlice(Array(try $0.jsonLine(payloadEncoder: encoder).utf8)) }).disagreements.isEmpty)
    }

    @Test func everyLineOfEveryFuzzCorpusReadsTheSameOrIsRefusedForTheSameReason() throws {
        var disagreements: [String] = []
        var lineCount = 0
        for target in try FileManager.default.contentsOfDirectory(atPath: Self.corpora.path) {
            let folder = Self.corpora.appendingPathComponent(target)
            for seed in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                let lines = Self.lines(try Data(contentsOf: folder.appendingPathComponent(seed)))
                lineCount += lines.count
                disagreements += Self.compare(lines).disagreements.map { "\(target)/\(seed): \($0)" }
            }
        }
        #expect(lineCount > 100)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// Lines the byte reader leaves to `JSONDecoder`: escapes, inexact numbers, repeated keys,
    /// the payload before its type, unknown members and kinds; each still reads as before.
    @Test(arguments: [
        #"{"seq":5,"ts":"2026-03-14T18:00:00.000Z","type":"feed.health","source":"m","data":{"feed_id":"f\u00e9","status":"down","reasons":[]}}"#,
        #"{"seq":1,"ts":"2026-03-14T18:00:00.000Z","type":"viewers.sample","source":"v","data":{"event_id":"e","concurrent":5,"rebuffering_percent":0.1000000000000000055511151231257827}}"#,
        #"{"seq":1,"ts":"2026-03-14T18:00:00.000Z","type":"viewers.sample","source":"v","data":{"event_id":"e","concurrent":1e3}}"#,
        #"{"seq":7,"seq":8,"ts":"2026-03-14T18:00:00.000Z","type":"feed.health","source":"m","data":{"feed_id":"f","status":"ok","reasons":[]}}"#,
        #"{"data":{"feed_id":"f","status":"ok","reasons":[]},"seq":9,"ts":"2026-03-14T18:00:00.000Z","type":"feed.health","source":"m"}"#,
        #"{"seq":16,"ts":"2026-03-14T18:00:00.000Z","type":"feed.health","source":"m","extra":true,"data":{"feed_id":"f","status":"ok","reasons":[]}}"#,
        #"{"seq":3,"ts":"2026-03-14T18:00:00.000Z","type":"alert.cleared","source":"m","data":{"dedup_key":"k"}}"#,
    ])
    func whatTheByteReaderLeavesIsReadByJSONDecoder(line: String) throws {
        let bytes = ArraySlice(Array(line.utf8))
        #expect(bytes.withUnsafeBytes(EnvelopeDecoder.readDirectly) == nil)
        #expect(Self.throughCodec(bytes) == Self.throughJSONDecoder(bytes))
        guard case .envelope = Self.throughCodec(bytes) else { Issue.record("\(line) did not read"); return }
    }

    /// Malformed lines are refused with the reasons they always had.
    @Test(arguments: [
        (#"{"seq":1,"ts":"2026-03-14T18:00:00.000Z","type":"viewers.sample","source":"v","data":{"event_id":"e","concurrent":012}}"#, "not valid JSON"),
        (#"{"seq":1,"ts":"2026-03-14T18:00:00.000Z","type":"viewers.sample","source":"v","data":{"event_id":"e"}}"#, #"missing key "data.concurrent""#),
        (#"{"seq":1,"ts":"2026-03-14T18:00:00.000Z","type":"viewers.sample","source":"v","data":{"event_id":"e","concurrent":"many"}}"#, #"wrong type at "data.concurrent""#),
        (#"{"seq":1,"ts":"2026-03-14T18:00:00.000Z","type":"viewers.sample","source":"v","data":{"event_id":"e","concurrent":-5}}"#, #"bad value at "data": concurrent: "#),
        (#"{"seq":1,"ts":"2026-02-30T25:00:00.000Z","type":"feed.health","source":"m","data":{"feed_id":"f","status":"ok","reasons":[]}}"#, #"bad value at "ts""#),
        (#"{"seq":9007199254740993,"ts":"2026-03-14T18:00:00.000Z","type":"feed.health","source":"m","data":{"feed_id":"f","status":"ok","reasons":[]}}"#, #"bad value at "seq""#),
        (#"{"seq":1,"ts":"2026-03-14T18:00:00.000Z","type":"feed.health","source":"m","data":{"feed_id":"f","status":"sideways","reasons":[]}}"#, #"bad value at "data.status""#),
        (#"{"seq":1,"ts":"2026-03-14T18:00:00.000Z","type":"feed.weather","source":"m","data":{}}"#, #"unknown event type "feed.weather""#),
    ])
    func malformedLinesAreRefusedAsBefore(line: String, reason: String) {
        let bytes = ArraySlice(Array(line.utf8))
        guard case .refused(let said) = Self.throughCodec(bytes) else { Issue.record("\(line) was read"); return }
        #expect(said.hasPrefix(reason), "\(said)")
        #expect(Self.throughCodec(bytes) == Self.throughJSONDecoder(bytes))
    }
}
