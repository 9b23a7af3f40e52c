import Foundation

/// A strict reader of the JSON that Tally writes, over a line's bytes: it takes objects, plain
/// strings, numbers, `null` and arrays of strings, and gives up (nil, false) on anything else
/// (an escape in a string, a number it cannot read exactly, invalid UTF-8, a byte out of
/// place), leaving the line to `JSONDecoder`, which then reads it or names what is wrong.
/// Every read checks its bounds: the bytes come from outside.
struct JSONCursor {
    private let bytes: UnsafeRawBufferPointer
    private(set) var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Whether nothing but white space is left.
    mutating func isAtEnd() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    /// Takes `byte` after any white space.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Takes `null` after any white space.
    mutating func takeNull() -> Bool {
        skipSpace()
        guard index + 4 <= bytes.count, bytes[index] == 0x6E, bytes[index + 1] == 0x75, bytes[index + 2] == 0x6C, bytes[index + 3] == 0x6C
        else { return false }
        index += 4
        return true
    }

    /// Reads the members of an object, handing each key (as raw bytes, without escapes) to
    /// `member`, which must read the value; false as soon as anything is not as expected.
    mutating func object(_ member: (inout JSONCursor, UnsafeRawBufferPointer) -> Bool) -> Bool {
        guard take(0x7B) else { return false }
        if take(0x7D) { return true }
        repeat {
            guard let key = plainString(), take(0x3A), member(&self, key) else { return false }
        } while take(0x2C)
        return take(0x7D)
    }

    /// A string without escapes or control characters, in valid UTF-8.
    mutating func string() -> String? {
        guard let raw = plainString() else { return nil }
        return String(validating: raw, as: UTF8.self)
    }

    /// The members of an object whose keys are `table`'s, each once, handed to `member` with
    /// their key's position in the table; false for another key or one twice.
    mutating func members(of table: KeyTable, _ member: (inout JSONCursor, Int) -> Bool) -> Bool {
        var seen: UInt64 = 0
        return object { cursor, raw in
            guard let position = table.position(of: raw), seen & (1 << UInt64(position)) == 0 else { return false }
            seen |= 1 << UInt64(position)
            return member(&cursor, position)
        }
    }

    /// An array of strings.
    mutating func strings() -> [String]? {
        guard take(0x5B) else { return nil }
        var values: [String] = []
        if take(0x5D) { return values }
        repeat {
            guard let value = string() else { return nil }
            values.append(value)
        } while take(0x2C)
        return take(0x5D) ? values : nil
    }

    /// A whole number written plainly (`-?[0-9]+`, no leading zero, at most 18 digits).
    mutating func integer() -> Int? {
        guard let number = number(), number.exponent == 0, number.digits <= 18 else { return nil }
        return number.isNegative ? -Int(number.mantissa) : Int(number.mantissa)
    }

    /// A number, as `JSONDecoder` would read it into a `Double`: exactly, when its digits and
    /// exponent allow a correctly rounded result from one multiplication or division (at most
    /// 15 significant digits and a power of ten up to 10^22); nil otherwise.
    mutating func double() -> Double? {
        guard let number = number(), number.digits <= 15, abs(number.exponent) <= 22 else { return nil }
        let magnitude = Double(number.mantissa)
        let scaled = number.exponent < 0 ? magnitude / Self.powersOfTen[-number.exponent] : magnitude * Self.powersOfTen[number.exponent]
        return number.isNegative ? -scaled : scaled
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// A JSON number as its decimal digits (leading zeros of a fraction dropped) and a power of ten.
    private struct Number {
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var isNegative = false
    }

    private mutating func number() -> Number? {
        skipSpace()
        var number = Number()
        if index < bytes.count, bytes[index] == 0x2D {
            number.isNegative = true
            index += 1
        }
        guard let first = digit() else { return nil }
        if first == 0 {
            guard digit() == nil else { return nil }  // a leading zero: not JSON
        } else {
            _ = append(first, to: &number)
            while let next = digit() { guard append(next, to: &number) else { return nil } }
        }
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            var sawDigit = false
            while let next = digit() {
                sawDigit = true
                guard append(next, to: &number) else { return nil }
                number.exponent -= 1
            }
            guard sawDigit else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == 0x65 {
            index += 1
            var sign = 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
                sign = bytes[index] == 0x2D ? -1 : 1
                index += 1
            }
            var exponent = 0
            guard let lead = digit() else { return nil }
            exponent = lead
            while let next = digit() {
                guard exponent < 10_000 else { return nil }
                exponent = exponent * 10 + next
            }
            number.exponent += sign * exponent
        }
        return number
    }

    /// Adds a digit to the mantissa (a zero before any other digit counts for nothing); false
    /// past 18 significant digits.
    private func append(_ digit: Int, to number: inout Number) -> Bool {
        if number.digits == 0 && digit == 0 { return true }
        guard number.digits < 18 else { return false }
        number.mantissa = number.mantissa * 10 + UInt64(digit)
        number.digits += 1
        return true
    }

    private mutating func digit() -> Int? {
        guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { return nil }
        defer { index += 1 }
        return Int(bytes[index] - 0x30)
    }

    /// The bytes between a string's quotes (not checked as UTF-8); nil for a string with an
    /// escape or a control character.
    mutating func plainString() -> UnsafeRawBufferPointer? {
        guard take(0x22) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                defer { index += 1 }
                return UnsafeRawBufferPointer(start: bytes.baseAddress.map { $0 + start }, count: index - start)
            }
            guard byte != 0x5C, byte >= 0x20 else { return nil }
            index += 1
        }
        return nil
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
    }
}

/// The keys of a payload (its `CodingKeys`, in order) as bytes, to find which one a line's key
/// is without making a `String` of it.
struct KeyTable: Sendable {
    private let names: [[UInt8]]

    init(_ names: [String]) {
        precondition(names.count <= 64, "a key table holds at most 64 keys")
        self.names = names.map { Array($0.utf8) }
    }

    /// The position of the key spelled by `bytes`.
    func position(of bytes: UnsafeRawBufferPointer) -> Int? {
        for position in names.indices where names[position].count == bytes.count {
            let same = names[position].withUnsafeBytes { name in name.count == 0 || memcmp(name.baseAddress!, bytes.baseAddress!, name.count) == 0 }
            if same { return position }
        }
        return nil
    }
}
