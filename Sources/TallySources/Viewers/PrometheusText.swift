import Foundation
import TallyCore

/// Reads the Prometheus text exposition format 0.0.4 (`name{label="v"} value [timestamp]`),
/// skipping `# HELP`, `# TYPE`, comments and lines it cannot read.
public enum PrometheusText {
    public struct Sample: Sendable, Equatable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    public static func parse(_ text: String) -> [Sample] {
        text.split(whereSeparator: \.isNewline).compactMap { sample(String($0)) }
    }

    /// The sum of `metric`'s samples whose labels satisfy `matchers`, or nil when none does.
    public static func sum(_ text: String, metric: String, matchers: [LabelMatcher]) -> Double? {
        let matching = parse(text).filter { $0.name == metric && matchers.allMatch($0.labels) }
        return matching.isEmpty ? nil : matching.reduce(0) { $0 + $1.value }
    }

    /// For each label in `labels`, the sum of the matching samples for each of its values
    /// (samples without the label count in no share): `["cdn": ["akamai": 1.2e6, "fastly": 8e5]]`.
    public static func shares(_ text: String, metric: String, matchers: [LabelMatcher], by labels: [String]) -> [String: [String: Double]] {
        guard !labels.isEmpty else { return [:] }
        var shares: [String: [String: Double]] = [:]
        for sample in parse(text) where sample.name == metric && matchers.allMatch(sample.labels) {
            for label in labels {
                guard let value = sample.labels[label] else { continue }
                shares[label, default: [:]][value, default: 0] += sample.value
            }
        }
        return shares
    }

    static func sample(_ line: String) -> Sample? {
        let line = line.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
        var labels: [String: String] = [:]
        let name: String
        var rest: Substring
        if let open = line.firstIndex(of: "{") {
            guard let close = line.lastIndex(of: "}"), close > open else { return nil }
            name = String(line[..<open])
            labels = parseLabels(line[line.index(after: open)..<close])
            rest = line[line.index(after: close)...]
        } else {
            guard let space = line.firstIndex(of: " ") else { return nil }
            name = String(line[..<space])
            rest = line[space...]
        }
        guard let valueText = rest.split(separator: " ").first, let value = Double(valueText), value.isFinite else { return nil }
        return Sample(name: name, labels: labels, value: value)
    }

    /// `a="1",b="x \"quoted\""`.
    static func parseLabels(_ text: Substring) -> [String: String] {
        var labels: [String: String] = [:]
        var index = text.startIndex
        while index < text.endIndex {
            guard let equals = text[index...].firstIndex(of: "=") else { break }
            let key = text[index..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            var cursor = text.index(after: equals)
            guard cursor < text.endIndex, text[cursor] == "\"" else { break }
            cursor = text.index(after: cursor)
            var value = ""
            while cursor < text.endIndex, text[cursor] != "\"" {
                if text[cursor] == "\\", text.index(after: cursor) < text.endIndex {
                    cursor = text.index(after: cursor)
                    value.append(text[cursor] == "n" ? "\n" : text[cursor])
                } else {
                    value.append(text[cursor])
                }
                cursor = text.index(after: cursor)
            }
            labels[key] = value
            index = cursor < text.endIndex ? text.index(after: cursor) : cursor
        }
        return labels
    }
}
