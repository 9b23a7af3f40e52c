import TallyCore
import TallyScenarios

/// A month of operations for the report benchmark: events spread over the days, each with 25
/// alerts raised six minutes apart on its feeds, most owned by one of six operators within ten
/// minutes, one in five escalated by hand, one in seven left to the timers, all cleared within
/// half an hour.
struct MonthOfAlerts {
    var days: Double
    var events: Int
    static let start = Instant(rfc3339: "2026-03-01T00:00:00Z")!
    static let operators = ["maria", "kenji", "sam", "dev", "rosa", "li"]
    static let teams = ["ingest", "cdn", "audience", "boc"]

    func envelopes() -> [Envelope] {
        var generator = SeededGenerator(seed: 30)
        var timed: [(Instant, BusEvent)] = []
        var nextAlert = 1
        for event in 0..<events {
            let id = "month-\(event)"
            let opens = Self.start.adding(seconds: Double(event) * days * 86_400 / Double(max(events, 1)))
            timed.append((opens, .viewers(ViewerSample(eventId: id, concurrent: Int.random(in: 50_000...9_000_000, using: &generator)))))
            for index in 0..<25 {
                let raised = opens.adding(seconds: Double(index) * 360)
                let key = "feed.stale/\(id)-\(index)"
                timed.append((raised, .alertRaised(AlertRaised(dedupKey: key, severity: index % 4 == 0 ? .critical : .warning, summary: key, source: "bench",
                                                                labels: ["event": id, "feed": "\(id)-\(index % 3)", "team": Self.teams[index % 4]]))))
                let person = Self.operators[Int.random(in: 0..<Self.operators.count, using: &generator)]
                if index % 7 == 3 {
                    timed.append((raised.adding(seconds: 300), .timersDue(TimersDue(due: raised.adding(seconds: 300)))))
                } else {
                    let owned = raised.adding(seconds: Double.random(in: 20...600, using: &generator))
                    timed.append((owned, .operatorAction(OperatorAction(alertId: nextAlert, action: .ack, actor: person, channel: "key"))))
                    if index % 5 == 0 {
                        timed.append((owned.adding(seconds: 30), .operatorAction(OperatorAction(alertId: nextAlert, action: .escalate, actor: person, channel: "key"))))
                    }
                }
                timed.append((raised.adding(seconds: Double.random(in: 620...1800, using: &generator)), .alertCleared(AlertCleared(dedupKey: key))))
                nextAlert += 1
            }
        }
        return timed.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.enumerated().map { seq, entry in
            Envelope(seq: UInt64(seq + 1), timestamp: entry.element.0, source: "bench", event: entry.element.1)
        }
    }
}
