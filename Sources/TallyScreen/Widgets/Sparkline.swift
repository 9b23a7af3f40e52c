/// A one-row chart of recent values, scaled between their own minimum and maximum.
public struct Sparkline {
    public var values: [Int]
    public var glyphs: Glyphs

    public init(values: [Int], glyphs: Glyphs) {
        self.values = values
        self.glyphs = glyphs
    }

    /// The sparkline as text of at most `width` characters, newest value last.
    public func text(width: Int) -> String {
        let shown = values.suffix(width)
        guard let low = shown.min(), let high = shown.max() else { return "" }
        let levels = glyphs.sparkline
        let line = shown.map { value -> Character in
            guard high > low else { return levels[value > 0 ? levels.count / 2 : 0] }
            let level = (value - low) * (levels.count - 1) / (high - low)
            return levels[level]
        }
        return String(repeating: " ", count: width - shown.count) + String(line)
    }
}
