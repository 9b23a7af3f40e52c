/// An audience over time as a text chart for a report: columns of eighth blocks scaled to the
/// peak, the peak and zero on the left, a row of ▲ under the minutes alerts were raised, and the
/// first and last times below. Pure; every line is at most `width` columns.
public struct ViewerChart: Sendable, Equatable {
    public var points: [EventDiary.ViewerPoint]
    public var marks: [Instant]

    static let levels: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public init(points: [EventDiary.ViewerPoint], marks: [Instant]) {
        self.points = points
        self.marks = marks
    }

    /// The chart in `height` rows above its marks and time axis; empty without points.
    public func lines(width: Int = 72, height: Int = 6) -> [String] {
        guard let first = points.first?.minute, let last = points.last?.minute, height > 0 else { return [] }
        let peak = max(1, points.map(\.concurrent).max() ?? 1)
        let label = 7
        let columns = max(1, min(width - label - 2, points.count))
        let span = max(1, last.millisecondsSinceEpoch - first.millisecondsSinceEpoch)
        func column(of instant: Instant) -> Int {
            let offset = instant.millisecondsSinceEpoch - first.millisecondsSinceEpoch
            return Int(min(max(offset, 0), span) * Int64(columns - 1) / span)
        }
        // Each column shows the most viewers among its minutes.
        var tallest = Array(repeating: 0, count: columns)
        for point in points { tallest[column(of: point.minute)] = max(tallest[column(of: point.minute)], point.concurrent) }
        let eighths = tallest.map { Int(saturating: Double($0) / Double(peak) * Double(height * 8), rounding: .toNearestOrAwayFromZero) }
        var out: [String] = []
        for row in (0..<height).reversed() {
            let name = row == height - 1 ? Figures.count(peak) : row == 0 ? "0" : ""
            let cells = eighths.map { filled in Self.levels[min(8, max(0, filled - row * 8))] }
            out.append(name.leftPadded(to: label - 1) + " ┤" + String(cells))
        }
        var marked = Array(repeating: Character(" "), count: columns)
        for mark in marks where mark >= first && mark <= last.adding(seconds: 60) { marked[column(of: mark)] = "▲" }
        out.append(String(repeating: " ", count: label + 1) + String(marked))
        let start = Self.clock(first), end = Self.clock(last)
        out.append(String(repeating: " ", count: label + 1) + start + String(repeating: " ", count: max(1, columns - start.count - end.count)) + end)
        return out.map(\.trailingSpacesDropped)
    }

    /// `19:05` in UTC.
    static func clock(_ instant: Instant) -> String {
        String(instant.rfc3339.dropFirst(11).prefix(5))
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
