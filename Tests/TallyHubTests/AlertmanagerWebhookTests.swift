import Foundation
import Testing
import TallyCore
@testable import TallyHub

/// Alertmanager webhook bodies (version 4) from fixture files: firing, resolved, grouped, and
/// bodies refused with the reason.
struct AlertmanagerWebhookTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/alertmanager/\(name)"))
    }

    @Test func aFiringAlertIsRaisedWithItsLabelsAnnotationsAndFingerprint() throws {
        let items = try AlertmanagerWebhook.items(from: Self.fixture("firing.json"))
        #expect(items.count == 1)
        guard case .alertRaised(let raised) = items[0].event else { Issue.record("not raised: \(items[0])"); return }
        #expect(raised.dedupKey == "alertmanager/a1b2c3d4e5f60718")
        #expect(raised.severity == .critical)
        #expect(raised.summary == "Encoder enc-tokyo-1 at 92 °C")
        #expect(raised.source == "alertmanager:tally")
        #expect(raised.class == "EncoderTemperature")
        #expect(raised.component == "enc-tokyo-1")
        #expect(raised.labels["event"] == "wbc-01")
        #expect(raised.runbook == "https://wiki.example/encoder-heat")
        #expect(items[0].at == Instant(rfc3339: "2026-03-14T19:02:03.250Z"))
    }

    @Test func aResolvedAlertClearsTheSameKey() throws {
        let items = try AlertmanagerWebhook.items(from: Self.fixture("resolved.json"))
        #expect(items == [AlertmanagerWebhook.Item(event: .alertCleared(AlertCleared(dedupKey: "alertmanager/a1b2c3d4e5f60718",
                                                                                      summary: "resolved in Alertmanager")),
                                                   at: Instant(rfc3339: "2026-03-14T19:20:00Z"))])
    }

    @Test func aGroupGivesOneItemPerAlertEachWithItsOwnSeverity() throws {
        let items = try AlertmanagerWebhook.items(from: Self.fixture("grouped.json"))
        let raised = items.compactMap { if case .alertRaised(let r) = $0.event { r } else { nil } }
        let cleared = items.compactMap { if case .alertCleared(let c) = $0.event { c.dedupKey } else { nil } }
        #expect(raised.map(\.dedupKey) == ["alertmanager/1111", "alertmanager/2222"])
        #expect(raised.map(\.severity) == [.warning, .critical], "page is critical")
        #expect(raised.map(\.summary) == ["5xx rate 3.1 % in eu-west", "CDNErrorRate"], "the alertname when no annotation says more")
        #expect(cleared == ["alertmanager/3333"])
    }

    @Test(arguments: [
        ("{\"version\":\"3\",\"alerts\":[]}", "version \"3\": only Alertmanager's version 4 is understood"),
        ("{\"version\":\"4\"}", "alerts: missing"),
        ("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":1}}]}",
         "alerts[0].labels.a: wrong type (labels and annotations are objects of strings)"),
        ("{\"version\":\"4\",\"alerts\":[{\"status\":\"pending\",\"labels\":{}}]}", "alerts[0].status: \"pending\" is neither firing nor resolved"),
        ("<html>502 Bad Gateway</html>", "not JSON"),
    ])
    func aBadBodyIsRefusedWithTheReason(body: String, reason: String) {
        #expect(throws: AlertmanagerWebhook.Refusal(reason: reason)) { try AlertmanagerWebhook.items(from: Data(body.utf8)) }
    }
}
