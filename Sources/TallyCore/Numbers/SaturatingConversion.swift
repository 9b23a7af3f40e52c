/// The one way Tally turns a Double into a whole number: it cannot trap. Raw conversions
/// (`Int(someDouble)`) trap on NaN, infinities and values past the type's range, so they are
/// marked deprecated below and `.ci/check-conversions` fails the build on any that is left.
extension FixedWidthInteger {
    /// `value` rounded by `rule` (toward zero unless told) and held to the type's range; zero for NaN.
    @inlinable
    public init(saturating value: Double, rounding rule: FloatingPointRoundingRule = .towardZero) {
        let whole = value.rounded(rule)
        if whole.isNaN {
            self = 0
        } else if whole <= Double(Self.min) {
            self = .min
        } else if whole >= Double(Self.max) {
            self = .max
        } else {
            self = Self(exactly: whole) ?? 0
        }
    }
}

extension Int {
    @available(*, deprecated, message: "raw conversion from Double: use Int(saturating:) or check the range where the number enters")
    public init(_ value: Double) { self.init(saturating: value) }
}

extension Int64 {
    @available(*, deprecated, message: "raw conversion from Double: use Int64(saturating:) or check the range where the number enters")
    public init(_ value: Double) { self.init(saturating: value) }
}

extension Int32 {
    @available(*, deprecated, message: "raw conversion from Double: use Int32(saturating:) or check the range where the number enters")
    public init(_ value: Double) { self.init(saturating: value) }
}

extension UInt64 {
    @available(*, deprecated, message: "raw conversion from Double: use UInt64(saturating:) or check the range where the number enters")
    public init(_ value: Double) { self.init(saturating: value) }
}

extension UInt32 {
    @available(*, deprecated, message: "raw conversion from Double: use UInt32(saturating:) or check the range where the number enters")
    public init(_ value: Double) { self.init(saturating: value) }
}

extension UInt16 {
    @available(*, deprecated, message: "raw conversion from Double: use UInt16(saturating:) or check the range where the number enters")
    public init(_ value: Double) { self.init(saturating: value) }
}
