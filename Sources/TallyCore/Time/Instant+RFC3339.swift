/// Hand-written RFC 3339 formatting and parsing: Foundation's formatters are an order of
/// magnitude slower, and every envelope of a recording carries a timestamp.
extension Instant {
    /// `2026-03-14T19:02:03.250Z`: UTC, always with milliseconds.
    public var rfc3339: String {
        let (days, msOfDay) = millisecondsSinceEpoch.floorDivided(by: 86_400_000)
        let (year, month, day) = Instant.civilDate(fromDays: days)
        let seconds = msOfDay / 1000
        var text = ""
        text.reserveCapacity(24)
        text.appendPadded(year, width: 4); text.append("-")
        text.appendPadded(month, width: 2); text.append("-")
        text.appendPadded(day, width: 2); text.append("T")
        text.appendPadded(seconds / 3600, width: 2); text.append(":")
        text.appendPadded(seconds / 60 % 60, width: 2); text.append(":")
        text.appendPadded(seconds % 60, width: 2); text.append(".")
        text.appendPadded(msOfDay % 1000, width: 3); text.append("Z")
        return text
    }

    /// `19:02`: the UTC hour and minute, for messages and reports.
    public var utcHourMinute: String { String(rfc3339.dropFirst(11).prefix(5)) }

    /// Parses an RFC 3339 date-time: `Z` or a numeric offset, optional fraction of any length.
    /// Returns nil for anything else.
    public init?(rfc3339 text: some StringProtocol) {
        var text = String(text)
        guard let instant = text.withUTF8({ Instant.parse(rfc3339: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = instant
    }

    /// Parses an RFC 3339 date-time from its UTF-8 bytes, as `init?(rfc3339:)` does.
    static func parse(rfc3339 bytes: UnsafeRawBufferPointer) -> Instant? {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.skip("-"),
              let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2), reader.skip(oneOf: "Tt "),
              let hour = reader.number(digits: 2), reader.skip(":"),
              let minute = reader.number(digits: 2), reader.skip(":"),
              let second = reader.number(digits: 2),
              (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var milliseconds: Int64 = 0
        if reader.skip(".") {
            var scale: Int64 = 100
            var sawDigit = false
            while let digit = reader.digit() {
                milliseconds += Int64(digit) * scale
                scale /= 10
                sawDigit = true
            }
            guard sawDigit else { return nil }
        }
        var offsetMinutes: Int64 = 0
        if reader.skip(oneOf: "Zz") {
            offsetMinutes = 0
        } else if let sign = reader.sign(), let offsetHours = reader.number(digits: 2), reader.skip(":"),
                  let offsetMins = reader.number(digits: 2) {
            offsetMinutes = sign * (offsetHours * 60 + offsetMins)
        } else {
            return nil
        }
        guard reader.isAtEnd else { return nil }
        let days = Instant.days(fromCivilYear: year, month: month, day: day)
        let secondsOfDay = hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return Instant(millisecondsSinceEpoch: (days * 86_400 + secondsOfDay) * 1000 + milliseconds)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(fromCivilYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Instant: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let instant = Instant(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an RFC 3339 date-time: \(text.prefix(40))")
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }
}

private struct DigitReader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    mutating func digit() -> Int64? {
        guard index < bytes.count, (48...57).contains(bytes[index]) else { return nil }
        defer { index += 1 }
        return Int64(bytes[index] - 48)
    }

    mutating func number(digits: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<digits {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        skip(oneOf: String(character))
    }

    mutating func skip(oneOf characters: String) -> Bool {
        guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension Int64 {
    /// Quotient and non-negative remainder (floor division), for times before 1970.
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = ((self % divisor) + divisor) % divisor
        return ((self - remainder) / divisor, remainder)
    }
}

extension String {
    mutating func appendPadded(_ value: Int64, width: Int) {
        let digits = String(value)
        if digits.count < width { append(String(repeating: "0", count: width - digits.count)) }
        append(digits)
    }
}
