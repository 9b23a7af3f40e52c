import Foundation

/// One condition on an alert's labels, written as Alertmanager writes it: `name="value"`,
/// `name!="value"`, `name=~"regex"` or `name!~"regex"`, or a comparison of a number
/// (`viewers_at_risk>=1000000`, also `>`, `<=`, `<`). Regexes match the whole value; a
/// missing label reads as the empty string, and a label that is not a number fails every comparison.
public struct LabelMatcher: Sendable, Equatable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", matches = "=~", notMatches = "!~"
        case atLeast = ">=", atMost = "<=", above = ">", below = "<"

        var isComparison: Bool { [.atLeast, .atMost, .above, .below].contains(self) }
    }

    /// Why a matcher could not be made, in words for the file:line error that reports it.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public let name: String
    public let op: Operator
    public let value: String
    private let regex: NSRegularExpression?
    /// The bound of a comparison: finite, within ±2^53 so that it is exact.
    private let bound: Double?

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
        if op.isComparison {
            guard let number = Double(value), number.isFinite, number.magnitude <= 9_007_199_254_740_992 else {
                throw Invalid(description: "\(name)\(op.rawValue)\(value.prefix(40)): a comparison needs a finite number within ±2^53, such as 1000000")
            }
            bound = number
        } else {
            bound = nil
        }
    }

    /// `name="value"`, for a name known to be valid.
    public init(label name: String, equals value: String) {
        self.name = name
        self.op = .equal
        self.value = value
        self.regex = nil
        self.bound = nil
    }

    /// Parses `name=value`, `name!="value"`, `name=~regex`, `name!~"regex"` or `name>=number` (and `>`, `<=`, `<`).
    public static func parse(_ text: String) throws(Invalid) -> LabelMatcher {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // A name holds none of the operators' characters: the operator is the longest one where the first of them is.
        if let start = trimmed.firstIndex(where: { "!=<>~".contains($0) }),
           let op = Operator.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }).first(where: { trimmed[start...].hasPrefix($0.rawValue) }) {
            let name = trimmed[..<start].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(start, offsetBy: op.rawValue.count)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return try LabelMatcher(name, op, value)
        }
        throw Invalid(description: "\"\(text.prefix(80))\" is not a matcher; write name=value, name!=value, name=~regex, name!~regex or name>=number")
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
        case .atLeast, .atMost, .above, .below:
            guard let bound, let number = Double(actual), number.isFinite else { return false }
            switch op {
            case .atLeast: return number >= bound
            case .atMost: return number <= bound
            case .above: return number > bound
            default: return number < bound
            }
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
