import TallyCore

/// The rundown view (`v`): the next hours as a time line, one row per event on now or soon,
/// its rundown drawn along it — preflight `░`, on air `█`, off air and post-show `▒` — with
/// a mark at the present, so that overlapping events show at a glance.
struct RundownOverlay {
    static let hoursBefore = 1.0
    static let hoursAfter = 7.0

    var state: ConsoleState
    var context: ScreenContext

    func render(into canvas: inout Canvas, in area: Rect) {
        let rect = area
        guard rect.width > 40, rect.height > 6 else { return }
        Box(title: "Rundown · the next \(Int(saturating: Self.hoursAfter)) hours", isFocused: true, glyphs: context.glyphs).render(into: &canvas, in: rect)
        canvas.fill(rect.inner, role: .overlay)
        let labelWidth = min(24, rect.inner.width / 4)
        let track = Rect(x: rect.inner.x + labelWidth + 1, y: rect.inner.y, width: rect.inner.width - labelWidth - 2, height: rect.inner.height)
        let start = context.now.adding(seconds: -Self.hoursBefore * 3600)
        let span = (Self.hoursBefore + Self.hoursAfter) * 3600
        func column(_ instant: Instant) -> Int { Int(saturating: (instant.seconds(since: start) / span * Double(track.width)).rounded(.down)) }
        func instant(at column: Int) -> Instant { start.adding(seconds: (Double(column) + 0.5) / Double(track.width) * span) }

        // The hour marks along the top.
        var hour = Instant(millisecondsSinceEpoch: (start.millisecondsSinceEpoch / 3_600_000 + 1) * 3_600_000)
        while column(hour) < track.width - 5 {
            _ = canvas.write(Labels.clock(hour, offset: context.utcOffsetSeconds), x: track.x + column(hour), y: track.y, role: .tableHeader)
            hour = hour.adding(seconds: 3600)
        }
        let end = start.adding(seconds: span)
        let events = state.events.values
            .filter { PhasePlan.watchWindow(of: $0.schedule).overlaps(start..<end) }
            .sorted { ($0.schedule.start, $0.id) < ($1.schedule.start, $1.id) }
        let rows = track.height - 2
        for (index, event) in events.prefix(rows).enumerated() {
            let y = track.y + 1 + index
            _ = canvas.write(event.title.fitted(to: labelWidth - 1), x: rect.inner.x + 1, y: y, role: event.phase == .live ? .text : .dim)
            let steps = PhasePlan.steps(of: event.schedule)
            let closes = PhasePlan.watchWindow(of: event.schedule).upperBound
            for x in 0..<track.width {
                let moment = instant(at: x)
                let phase = PhasePlan.phase(of: event.id, steps: steps, at: moment).phase
                guard phase != .scheduled, moment < closes else { continue }
                let (glyph, role): (String, StyleRole) = switch phase {
                case .preflight: ("░", .info)
                case .live: ("█", .feedOK)
                case .ended, .post, .scheduled: ("▒", .dim)
                }
                _ = canvas.write(context.glyphs == .ascii ? String(Self.ascii(phase)) : glyph, x: track.x + x, y: y, role: role)
            }
        }
        let nowColumn = column(context.now)
        for y in (track.y + 1)..<(track.y + 1 + min(rows, max(1, events.count))) {
            _ = canvas.write(context.glyphs == .ascii ? "|" : "│", x: track.x + nowColumn, y: y, role: .warning)
        }
        let legend = events.count > rows ? "\(events.count - rows) more below · " : ""
        _ = canvas.write(" " + legend + "░ preflight  █ on air  ▒ off air  │ now · v or Esc closes", x: rect.inner.x,
                         y: rect.inner.maxY - 1, role: .dim, limit: rect.inner.maxX)
    }

    private static func ascii(_ phase: Phase) -> Character {
        switch phase {
        case .preflight: "-"
        case .live: "#"
        case .ended, .post, .scheduled: "."
        }
    }
}
