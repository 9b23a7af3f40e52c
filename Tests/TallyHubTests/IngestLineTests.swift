import Foundation
import Testing
import TallyCore
@testable import TallyHub

/// Lines for `tally ingest`: a bus event per line, stamped by the hub where it says nothing,
/// and every bad line refused with its number and the reason.
struct IngestLineTests {
    static let now = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    @Test func aBusEventIsStampedWhereItSaysNothing() throws {
        let line = #"{"type":"alert.raised","data":{"dedup_key":"encoder/enc-1","severity":"critical","summary":"encoder down","source":"enc-1","labels":{}}}"#
        let envelope = try IngestLine.decode(Array(line.utf8), line: 1, receivedAt: Self.now, source: "ingest:uid-1000")
        #expect(envelope.timestamp == Self.now)
        #expect(envelope.source == "ingest:uid-1000")
        guard case .alertRaised(let raised) = envelope.event else { Issue.record("not raised"); return }
        #expect(raised.dedupKey == "encoder/enc-1")
        let stamped = #"{"type":"viewers.sample","ts":"2026-03-14T18:59:00Z","source":"cdn","data":{"event_id":"wbc-01","concurrent":5}}"#
        #expect(try IngestLine.decode(Array(stamped.utf8), line: 2, receivedAt: Self.now, source: "x").source == "cdn")
    }

    @Test(arguments: [
        ("not json at all", "line 7: not a JSON object"),
        (#"{"data":{}}"#, "line 7: no \"type\" (such as \"alert.raised\")"),
        (#"{"type":"alert.raised"}"#, "line 7: no \"data\" object"),
        (#"{"type":"coffee.made","data":{}}"#, "line 7: unknown event type \"coffee.made\""),
        (#"{"type":"alert.raised","data":{"severity":"critical"}}"#, "line 7: data.dedup_key: missing"),
        (String(repeating: "x", count: 70_000), "line 7: longer than 64 KiB"),
    ])
    func aBadLineIsRefusedWithItsNumber(line: String, reason: String) {
        #expect(throws: IngestLine.Refusal(line: 7, reason: String(reason.dropFirst(8)))) {
            try IngestLine.decode(Array(line.utf8), line: 7, receivedAt: Self.now, source: "x")
        }
    }
}
