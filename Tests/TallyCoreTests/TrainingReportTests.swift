import Testing
@testable import TallyCore

/// A trainee's answers beside the recorded operators': acknowledged, missed, escalated, and
/// the times, matched alert by alert.
struct TrainingReportTests {
    static let t0 = Fixture.t0

    func envelopes(_ events: [(Double, BusEvent)]) -> [Envelope] {
        events.enumerated().map { index, entry in Fixture.envelope(entry.1, at: entry.0, seq: UInt64(index + 1)) }
    }

    @Test func eachAlertIsScoredBesideTheRecordedAnswer() {
        let raised = [(0.0, Fixture.raise("enc-1/down")), (10, Fixture.raise("cdn/5xx", .warning, summary: "5xx above 2%"))]
        let trainee = envelopes(raised + [(30, Fixture.action(.ack, alert: 1, by: "kim"))])
        let recorded = envelopes(raised + [(60, Fixture.action(.ack, alert: 1, by: "kenji")), (70, Fixture.action(.escalate, alert: 2, by: "kenji"))])
        let end = Self.t0.adding(seconds: 120)
        let report = TrainingReport(trainee: AlertResponse.of(trainee, from: ConsoleState(), until: end),
                                    recorded: AlertResponse.of(recorded, from: ConsoleState(), until: end),
                                    traineeName: "kim", recording: "night.jsonl", from: Self.t0, to: end)
        #expect(report.rows.map(\.trainee.dedupKey) == ["enc-1/down", "cdn/5xx"])
        #expect(report.missed.map(\.trainee.dedupKey) == ["cdn/5xx"])
        let lines = report.markdown.split(separator: "\n").map(String.init)
        #expect(lines.contains("| alerts acknowledged | 1 of 2 | 1 of 2 |"))
        #expect(lines.contains("| median time to acknowledge | 30s | 1m |"))
        #expect(lines.contains("| missed | 1 | 1 |"))
        #expect(lines.contains("| escalations | 0 | 1 |"))
        #expect(lines.contains { $0.hasPrefix("| 19:00:00 | critical | enc-1/down:") && $0.hasSuffix("| ack 30s (kim) | ack 1m (kenji) |") })
        #expect(lines.contains { $0.hasPrefix("| 19:00:10 | warning | cdn/5xx: 5xx above 2%") && $0.hasSuffix("| missed | escalated ×1 |") })
    }
}
