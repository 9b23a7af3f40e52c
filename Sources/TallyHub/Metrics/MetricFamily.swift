import Foundation
import TallyCore

/// One metric in the Prometheus text exposition format (version 0.0.4): its name, help, type
/// and samples, each with its labels.
struct MetricFamily: Sendable, Equatable {
    enum Kind: String, Sendable {
        case counter, gauge, summary
    }

    struct Sample: Sendable, Equatable {
        /// The suffix after the family's name (`_sum`, `_count`), if any.
        var suffix = ""
        var labels: [(String, String)] = []
        var value: Double

        static func == (lhs: Sample, rhs: Sample) -> Bool {
            lhs.suffix == rhs.suffix && lhs.value == rhs.value && lhs.labels.elementsEqual(rhs.labels) { $0 == $1 }
        }
    }

    var name: String
    var help: String
    var kind: Kind
    var samples: [Sample]

    /// The family as exposition text: `# HELP`, `# TYPE`, then one line a sample.
    var text: String {
        var lines = ["# HELP \(name) \(Self.escapeHelp(help))", "# TYPE \(name) \(kind.rawValue)"]
        for sample in samples {
            let labels = sample.labels.isEmpty ? "" : "{" + sample.labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
            lines.append("\(name)\(sample.suffix)\(labels) \(Self.number(sample.value))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(saturating: value)) }
        return "\(value)"
    }

    private static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func escapeLabel(_ text: String) -> String {
        escapeHelp(text).replacingOccurrences(of: "\"", with: "\\\"")
    }
}
