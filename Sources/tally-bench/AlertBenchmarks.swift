import Foundation
import TallyCore

/// The alert engine under load, and the time from an operator's key to a durable acknowledgement.
enum AlertBenchmarks {
    static func run(quick: Bool) throws -> [Measurement] {
        var results = [engineThroughput(openAlerts: 10_000, signals: quick ? 20_000 : 100_000)]
        results += try acknowledgementLatency(openAlerts: 500, acknowledgements: quick ? 50 : 300)
        return results
    }

    /// Signals (80 % repeats of open keys, 10 % clears, 10 % raises of cleared keys) into an
    /// engine holding 10,000 open alerts, 10 ms of engine time apart so that hold-downs end
    /// and escalation timers fire along the way.
    static func engineThroughput(openAlerts: Int, signals: Int) -> Measurement {
        let start = AckPath.start
        var engine = AlertEngine()
        let raised = (0..<openAlerts).map { index in
            AlertRaised(dedupKey: "feed.stale/bench-\(index)", severity: .critical, summary: "bench \(index)", source: "bench",
                        labels: ["event": "bench-\(index % 48)", "feed": "bench-\(index)"])
        }
        for alert in raised { blackHole(engine.raise(alert, at: start)) }
        var random = UInt64(0x9E37_79B9_7F4A_7C15)
        var tick = 0
        let measurement = Measurement.run("alert engine, \(openAlerts / 1000)k open alerts, \(signals / 1000)k signals",
                                          iterations: 1, rounds: 3, units: Double(signals), unit: "signal") {
            for _ in 0..<signals {
                random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let alert = raised[Int((random >> 33) % UInt64(openAlerts))]
                tick += 1
                let now = start.adding(seconds: Double(tick) / 100)
                switch (random >> 20) % 10 {
                case 0: blackHole(engine.clear(AlertCleared(dedupKey: alert.dedupKey), at: now))
                default: blackHole(engine.raise(alert, at: now))
                }
            }
        }
        print("  open alerts after the run: \(engine.openByKey.count)")
        return measurement
    }

    /// Key to durable store for `acknowledgements` presses of `a`, one after another.
    static func acknowledgementLatency(openAlerts: Int, acknowledgements: Int) throws -> [Measurement] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-ack-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let drill = try AckPath(storePath: folder.appendingPathComponent("tally.sqlite").path, alerts: openAlerts)
        let clock = ContinuousClock()
        var latencies: [Double] = []
        for _ in 0..<acknowledgements {
            var acknowledged: Int?
            let elapsed = try clock.measure { acknowledged = try drill.acknowledgeTop() }
            guard acknowledged != nil else { break }
            latencies.append(Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9)
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(saturating: Double(latencies.count) * p))] }
        let label = "key a → durable ack (\(openAlerts) open, \(latencies.count) acks)"
        return [Measurement(name: label + " p50", nanosecondsPerOperation: percentile(0.5)),
                Measurement(name: label + " p99", nanosecondsPerOperation: percentile(0.99))]
    }
}
