/// Compact, human renderings of the figures operators read at a glance.
public enum Figures {
    /// `950`, `12.3K`, `9.61M`: at most four significant characters plus a unit.
    public static func count(_ value: Int) -> String {
        let magnitude = value.magnitude
        switch magnitude {
        case ..<1000: return "\(value)"
        case ..<10_000: return decimal(Double(value) / 1000, places: 1) + "K"
        case ..<1_000_000: return "\(value / 1000)K"
        case ..<10_000_000: return decimal(Double(value) / 1_000_000, places: 2) + "M"
        case ..<1_000_000_000: return decimal(Double(value) / 1_000_000, places: 1) + "M"
        default: return decimal(Double(value) / 1_000_000_000, places: 2) + "G"
        }
    }

    /// `4.1M·min`: viewer-minutes affected.
    public static func viewerMinutes(_ minutes: Double) -> String {
        count(Int(saturating: minutes, rounding: .toNearestOrAwayFromZero)) + "·min"
    }

    /// `6.0 Mb/s`, `850 kb/s`.
    public static func bitrate(_ bitsPerSecond: Int) -> String {
        bitsPerSecond >= 1_000_000
            ? decimal(Double(bitsPerSecond) / 1_000_000, places: 1) + " Mb/s"
            : "\(bitsPerSecond / 1000) kb/s"
    }

    /// `315576000`, `0.5`, `1e+300`: a number as typed, whole numbers without a fraction.
    public static func plain(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) <= 9_007_199_254_740_992 ? "\(Int(saturating: value))" : "\(value)"
    }

    /// `9.2` for seconds and ratios shown with one decimal; `∞` and `NaN` for what is not finite.
    public static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value < 0 ? "-∞" : "∞" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int(saturating: abs(value) * scale, rounding: .toNearestOrAwayFromZero)
        let whole = scaled / Int(saturating: scale), fraction = scaled % Int(saturating: scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        let digits = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }

    /// `45s`, `12m`, `1h05`, `2d3h`: a duration at minute granularity past the first minute,
    /// so that a screen showing it changes at most once a minute.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(saturating: abs(seconds))
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return "\(total / 60)m"
        case ..<86_400:
            let minutes = total / 60 % 60
            return "\(total / 3600)h" + (minutes < 10 ? "0" : "") + "\(minutes)"
        default: return "\(total / 86_400)d\(total / 3600 % 24)h"
        }
    }
}

extension Figures {
    /// `04:00:00`: a duration as hours, minutes and seconds.
    public static func clockDuration(_ seconds: Double) -> String {
        let total = Int(saturating: seconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return two(total / 3600) + ":" + two(total / 60 % 60) + ":" + two(total % 60)
    }
}
