import Foundation

/// One condition on an alert's labels, written as Alertmanager writes it: `name="value"`,
/// `name!="value"`, `name=~"regex"` or `name!~"regex"`. Regexes match the whole value; a
/// missing label reads as the empty string.
public struct LabelMatcher: Sendable, Equatable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", matches = "=~", notMatches = "!~"
    }

    /// Why a matcher could not be made, in words for the file:line error that reports it.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public let name: String
    public let op: Operator
    public let value: String
    private let regex: NSRegularExpression?

    public init(_ name: String, _ op: Operator = .equal, _ value: String) throws(Invalid) {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) else {
            throw Invalid(description: "label name \"\(name)\" must be letters, digits, _, . or -")
        }
        self.name = name
        self.op = op
        self.value = value
        if op == .matches || op == .notMatches {
            if let refusal = RegexGuard.refusal(of: value) { throw Invalid(description: "\"\(value.prefix(40))\": \(refusal)") }
            do {
                regex = try NSRegularExpression(pattern: "^(?:" + value + ")$")
            } catch {
                throw Invalid(description: "\"\(value)\" is not a valid regular expression")
            }
        } else {
            regex = nil
        }
    }

    /// `name="value"`, for a name known to be valid.
    public init(label name: String, equals value: String) {
        self.name = name
        self.op = .equal
        self.value = value
        self.regex = nil
    }

    /// Parses `name=value`, `name!="value"`, `name=~regex` or `name!~"regex"`.
    public static func parse(_ text: String) throws(Invalid) -> LabelMatcher {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for op in [Operator.notEqual, .matches, .notMatches, .equal] {
            guard let range = trimmed.range(of: op.rawValue) else { continue }
            let name = trimmed[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            var value = trimmed[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return try LabelMatcher(name, op, value)
        }
        throw Invalid(description: "\"\(text)\" is not a matcher; write name=value, name!=value, name=~regex or name!~regex")
    }

    /// Whether `labels` satisfy this condition.
    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[name] ?? ""
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matches, .notMatches:
            let found = regex?.firstMatch(in: actual, range: NSRange(actual.startIndex..., in: actual)) != nil
            return found == (op == .matches)
        }
    }

    public var description: String { "\(name)\(op.rawValue)\"\(value)\"" }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.op == rhs.op && lhs.value == rhs.value
    }
}

extension LabelMatcher: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Array where Element == LabelMatcher {
    /// Whether every matcher accepts `labels` (an empty list accepts everything).
    public func allMatch(_ labels: [String: String]) -> Bool { allSatisfy { $0.matches(labels) } }
}
