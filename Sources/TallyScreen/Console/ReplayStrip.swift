import TallyCore

/// A recording drawn as one line above the footer of a replay: its span, where the replay
/// stands, and marks where alerts were raised and events changed phase, so that a reviewer
/// sees the night's shape and where to go (`g`, `<` `>`, `[` `]`).
public struct ReplayStrip: Sendable, Equatable {
    public var start: Instant
    public var end: Instant
    public var marks: [TimelineMarks.Mark]
    /// While the index that seeks need is being built: the fraction built, shown on the strip.
    public var indexFraction: Double?

    public init(start: Instant, end: Instant, marks: [TimelineMarks.Mark], indexFraction: Double? = nil) {
        self.start = start
        self.end = end
        self.marks = marks
        self.indexFraction = indexFraction
    }

    /// The strip of a recording's envelopes.
    public init(start: Instant, end: Instant, envelopes: [Envelope]) {
        self.init(start: start, end: end, marks: TimelineMarks(envelopes).marks)
    }

    /// Draws the strip on row `y`, the replay standing at `now`.
    func render(into canvas: inout Canvas, y: Int, width: Int, now: Instant, glyphs: Glyphs) {
        let (from, to) = (" " + start.utcHourMinute + " ", " " + end.utcHourMinute + " ")
        let cells = width - from.count - to.count
        guard cells >= 10 else { return }
        canvas.write(from, x: 0, y: y, role: .dim)
        canvas.write(to, x: width - to.count, y: y, role: .dim)
        let span = max(1, end.seconds(since: start))
        func cell(_ instant: Instant) -> Int { min(cells - 1, max(0, Int(saturating: instant.seconds(since: start) / span * Double(cells)))) }
        // Each cell shows the weightiest mark that falls in it: a critical alert, then any alert, then a phase change.
        var weights = Array(repeating: 0, count: cells), kinds = Array(repeating: TimelineMarks.Kind.phase, count: cells)
        for mark in marks {
            let weight = switch mark.kind {
            case .alert(.critical): 3
            case .alert: 2
            case .phase: 1
            }
            let index = cell(mark.at)
            if weight > weights[index] { (weights[index], kinds[index]) = (weight, mark.kind) }
        }
        let position = cell(now), ascii = glyphs == .ascii
        for index in 0..<cells {
            let (text, role): (String, StyleRole) = switch (index == position, weights[index], kinds[index]) {
            case (true, _, _): (ascii ? "@" : "●", .headerAccent)
            case (_, 0, _): (ascii ? "-" : "─", index < position ? .text : .dim)
            case (_, _, .alert(.critical)): (glyphs.critical.prefix(1).description, .critical)
            case (_, _, .alert): (ascii ? "!" : "◆", .warning)
            case (_, _, .phase): (ascii ? "|" : "│", .info)
            }
            canvas.write(text, x: from.count + index, y: y, role: role)
        }
        if let fraction = indexFraction {
            let label = " building the index for seeking: \(Int(saturating: fraction * 100))% "
            if label.count <= cells { canvas.write(label, x: from.count + (cells - label.count) / 2, y: y, role: .dim) }
            canvas.write(ascii ? "@" : "●", x: from.count + position, y: y, role: .headerAccent)  // the present stays in sight
        }
    }
}
