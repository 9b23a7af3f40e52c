/// A multi-row chart of a series, one column per value, filled from the bottom in eighths.
public struct AreaChart {
    public var values: [Int]
    public var glyphs: Glyphs

    public init(values: [Int], glyphs: Glyphs) {
        self.values = values
        self.glyphs = glyphs
    }

    public func render(into canvas: inout Canvas, in rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        let shown = Array(values.suffix(rect.width))
        guard let high = shown.max(), high > 0 else { return }
        let low = Int(Double(shown.min() ?? 0) * 0.9)
        let eighthsTall = rect.height * 8
        let startX = rect.maxX - shown.count
        for (offset, value) in shown.enumerated() {
            let filled = max(1, (value - low) * eighthsTall / max(1, high - low))
            for row in 0..<rect.height {
                let level = filled - row * 8
                guard level > 0 else { break }
                let character = level >= 8 ? glyphs.sparkline[7] : glyphs.sparkline[level - 1]
                canvas.write(String(character), x: startX + offset, y: rect.maxY - 1 - row, role: .chart)
            }
        }
    }
}
