import Foundation

/// Times an operation: a warm-up, then rounds of `iterations` runs; the median round gives
/// the cost per operation, so one slow round (a page fault, the other core busy) cannot skew it.
struct Measurement {
    var name: String
    var nanosecondsPerOperation: Double
    /// What one operation processes, for a throughput figure (envelopes, bytes…).
    var unitsPerOperation: Double = 1
    var unit = "op"

    var perSecond: Double { unitsPerOperation * 1e9 / nanosecondsPerOperation }

    static func run(_ name: String, iterations: Int, rounds: Int = 7, units: Double = 1, unit: String = "op",
                    _ body: () -> Void) -> Measurement {
        body()
        let clock = ContinuousClock()
        var perRound: [Double] = []
        for _ in 0..<rounds {
            let elapsed = clock.measure { for _ in 0..<iterations { body() } }
            let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
            perRound.append(nanoseconds / Double(iterations))
        }
        return Measurement(name: name, nanosecondsPerOperation: perRound.sorted()[rounds / 2], unitsPerOperation: units, unit: unit)
    }

    /// One line of the report: cost per operation and, where it means something, throughput.
    var line: String {
        let cost = nanosecondsPerOperation >= 1e6 ? String(format: "%9.2f ms", nanosecondsPerOperation / 1e6)
            : nanosecondsPerOperation >= 1e3 ? String(format: "%9.1f µs", nanosecondsPerOperation / 1e3)
            : String(format: "%9.0f ns", nanosecondsPerOperation)
        let throughput = unit == "op" ? "" : "   " + Self.rate(perSecond, unit: unit)
        return "\(name.padding(toLength: 52, withPad: " ", startingAt: 0)) \(cost)\(throughput)"
    }

    static func rate(_ value: Double, unit: String) -> String {
        if unit == "byte" { return String(format: "%8.1f MB/s", value / 1e6) }
        return value >= 1e6 ? String(format: "%8.2f M \(unit)s/s", value / 1e6) : String(format: "%8.0f \(unit)s/s", value)
    }
}

extension Duration {
    /// The duration in seconds.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
