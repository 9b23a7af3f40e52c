/// Durations as people write them in files and on the command line: `90s`, `5m`, `1h`, `1d`,
/// or a plain number of seconds. Every duration Tally reads goes through here, so each is
/// finite and within `Limits.durationSeconds` (ten years) before any arithmetic sees it.
public enum DurationText {
    /// Why a text is not a duration Tally takes.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// `how to write one`, for messages.
    public static let hint = "write 90s, 5m, 1h or 1d"

    /// The seconds `text` spells, within `range`.
    public static func seconds(_ text: some StringProtocol, in range: ClosedRange<Double> = Limits.durationSeconds) throws(Problem) -> Double {
        let trimmed = text.trimmingWhitespace
        guard let seconds = unchecked(trimmed) else { throw Problem(description: "\"\(trimmed.prefix(40))\" is not a duration (\(hint))") }
        guard seconds.isFinite, range.contains(seconds) else {
            throw Problem(description: "\"\(trimmed.prefix(40))\" is outside \(spelled(range))")
        }
        return seconds
    }

    /// `0s…10 years`.
    public static func spelled(_ range: ClosedRange<Double>) -> String {
        func side(_ value: Double) -> String {
            abs(value) == Limits.longestDurationSeconds ? (value < 0 ? "-" : "") + "10 years" : Figures.plain(value) + "s"
        }
        return side(range.lowerBound) + "…" + side(range.upperBound)
    }

    private static func unchecked(_ text: Substring) -> Double? {
        if let plain = decimal(text) { return plain }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let amount = decimal(text.dropLast()) else { return nil }
        return amount * unit
    }

    /// A plain decimal number: digits with an optional sign, fraction and exponent, never
    /// `inf`, `nan` or hexadecimal, which `Double(_:)` would also take.
    private static func decimal(_ text: Substring) -> Double? {
        guard let first = text.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first),
              text.unicodeScalars.allSatisfy({ "+-.0123456789eE".unicodeScalars.contains($0) }) else { return nil }
        return Double(text)
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end.
    var trimmingWhitespace: Substring {
        let scalars = Substring(self)
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return scalars[scalars.endIndex...] }
        let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return scalars[start...end]
    }
}
