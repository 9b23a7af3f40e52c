import Foundation
import Testing
@testable import TallyCore

struct EnvelopeCodingTests {
    static let everyKind: [BusEvent] = [
        Fixture.schedule("wbc-1"),
        .phaseChanged(PhaseChanged(eventId: "wbc-1", phase: .live, next: .ended, nextAt: Fixture.t0)),
        .feedSample(FeedSample(feedId: "wbc-1-primary", variant: "1080p", targetDuration: 2, playlistAge: 1.5,
                               mediaSequence: 1042, discontinuitySequence: 0, liveWindow: 12,
                               segmentDownloadTime: 0.4, measuredBitrate: 5_900_000, declaredBitrate: 6_000_000, errors: 0)),
        .feedHealth(FeedHealthChanged(feedId: "wbc-1-primary", status: .down, reasons: ["no new segment for 9.2 s"])),
        .viewers(ViewerSample(eventId: "wbc-1", concurrent: 9_612_000, joinsPerMinute: 41_000,
                              rebufferingPercent: 0.8, startFailuresPercent: 0.3, cdn: "cdn-a", region: "jp")),
        Fixture.raise("feed.stale/wbc-1-primary"),
        .alertCleared(AlertCleared(dedupKey: "feed.stale/wbc-1-primary", summary: "segments flowing")),
        .operatorAction(OperatorAction(alertId: 7, action: .ack, actor: "maria", channel: "key", comment: "on it \"now\"")),
    ]

    @Test(arguments: everyKind)
    func everyEventSurvivesTheWireFormat(_ event: BusEvent) throws {
        let envelope = Envelope(seq: 42, id: "e-42", timestamp: Fixture.t0, source: "hls-monitor", site: "Tokyo", event: event)
        let line = try envelope.jsonLine(payloadEncoder: WireFormat.makeEncoder())
        let decoded = try WireFormat.makeDecoder().decode(Envelope.self, from: Data(line.utf8))
        #expect(decoded == envelope)
        #expect(line.hasPrefix("{\"seq\":42,\"id\":\"e-42\",\"ts\":\"2026-03-14T19:00:00.000Z\",\"type\":\"\(event.type)\""))
    }

    @Test func payloadKeysAreSnakeCaseAndLabelsAreKeptAsWritten() throws {
        let raised = BusEvent.alertRaised(AlertRaised(dedupKey: "k", severity: .warning, summary: "s", source: "x",
                                                      labels: ["alert_name": "Stale", "camelCase": "1"]))
        let line = try Fixture.envelope(raised).jsonLine(payloadEncoder: WireFormat.makeEncoder())
        #expect(line.contains("\"dedup_key\":\"k\""))
        #expect(line.contains("\"alert_name\":\"Stale\""))
        #expect(line.contains("\"camelCase\":\"1\""))
    }

    @Test func unknownTypeIsNamedInTheError() {
        let line = #"{"seq":1,"ts":"2026-03-14T19:00:00Z","type":"feed.teleport","source":"x","v":1,"data":{}}"#
        #expect(throws: Envelope.UnknownType.self) {
            try WireFormat.makeDecoder().decode(Envelope.self, from: Data(line.utf8))
        }
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONString.quoted("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
    }
}
