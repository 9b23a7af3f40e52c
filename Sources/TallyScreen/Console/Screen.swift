import TallyCore

/// Draws the whole console: a pure function of the state, this console's view and context.
public enum Screen {
    public static func render(state: ConsoleState, view: ViewState, context: ScreenContext, size: Size) -> Canvas {
        render(state: state, view: view, context: context, size: size,
               rows: PaneRows(state: state, view: view, context: context, size: size))
    }

    /// The console drawn from panes already worked out for this frame.
    public static func render(state: ConsoleState, view: ViewState, context: ScreenContext, size: Size, rows: PaneRows) -> Canvas {
        var canvas = Canvas(size: size, asciiOnly: context.glyphs == .ascii)
        guard rows.layout != .tooSmall else {
            drawTooSmall(into: &canvas)
            return canvas
        }
        Header(state: state, context: context, viewersAtRisk: rows.viewersAtRisk).render(into: &canvas, width: size.width)
        if rows.layout == .single {
            TabStrip(focus: view.focus, state: state, glyphs: context.glyphs).render(into: &canvas, y: 1, width: size.width)
        }
        for (pane, drawn) in rows.panes {
            drawPane(pane, drawn, view: view, context: context, into: &canvas)
        }
        context.strip?.render(into: &canvas, y: size.height - 2, width: size.width, now: context.now, glyphs: context.glyphs)
        Footer(view: view, context: context).render(into: &canvas, y: size.height - 1, width: size.width)
        if let overlay = view.overlay {
            OverlayView(overlay: overlay, state: state, context: context).render(into: &canvas, in: rows.body)
        }
        return canvas
    }

    /// Redraws on `canvas`, the last frame drawn at this size, only what the ticking clock
    /// changes: the header and a replay's strip. The panes wait for the next whole frame.
    public static func renderClock(onto canvas: inout Canvas, state: ConsoleState, context: ScreenContext, viewersAtRisk: Int) {
        let size = canvas.size
        guard Layout(for: size) != .tooSmall else { return }
        Header(state: state, context: context, viewersAtRisk: viewersAtRisk).render(into: &canvas, width: size.width)
        if let strip = context.strip {
            canvas.fill(Rect(x: 0, y: size.height - 2, width: size.width, height: 1), role: .text)
            strip.render(into: &canvas, y: size.height - 2, width: size.width, now: context.now, glyphs: context.glyphs)
        }
    }

    private static func drawPane(_ pane: PaneID, _ drawn: PaneRows.Drawn, view: ViewState, context: ScreenContext, into canvas: inout Canvas) {
        let inner = drawn.rect.inner, content = drawn.content, rows = drawn.rows
        let filter = view.filters[pane]
        var title = content.title
        if let filter, !filter.isEmpty { title += " · /\(filter) (\(rows.count))" }
        Box(title: title, isFocused: view.focus == pane, glyphs: context.glyphs).render(into: &canvas, in: drawn.rect)
        var tableRect = inner
        if let preamble = content.preamble {
            let (top, rest) = inner.splitTop(preamble.height)
            drawPreamble(preamble, in: top, glyphs: context.glyphs, into: &canvas)
            tableRect = rest
        }
        let selected = Selection.index(of: view.selection[pane], in: rows)
        Table(columns: content.columns, rowCount: rows.count, cellsOfRow: { rows[$0].cells }, selectedIndex: selected,
              showsSelection: view.focus == pane, glyphs: context.glyphs)
            .render(into: &canvas, in: tableRect)
        if rows.isEmpty, tableRect.height > 1 {
            let empty = filter.map { _ in "nothing matches the filter" } ?? "nothing yet"
            canvas.write(empty, x: tableRect.x, y: tableRect.y + 1, role: .dim, limit: tableRect.maxX)
        }
    }

    private static func drawPreamble(_ preamble: PaneContent.Preamble, in rect: Rect, glyphs: Glyphs, into canvas: inout Canvas) {
        switch preamble {
        case .line(let items):
            writeItems(items, x: rect.x, y: rect.y, limit: rect.maxX, into: &canvas)
        case .chart(let label, let values, let height):
            writeItems(label, x: rect.x, y: rect.y, limit: rect.maxX, into: &canvas)
            AreaChart(values: values, glyphs: glyphs).render(into: &canvas, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: height))
        }
    }

    static func writeItems(_ items: [Table.Item], x: Int, y: Int, limit: Int, into canvas: inout Canvas) {
        var column = x
        for item in items { column = canvas.write(item.text, x: column, y: y, role: item.role, limit: limit) }
    }

    private static func drawTooSmall(into canvas: inout Canvas) {
        let size = canvas.size
        let lines = ["Terminal too small", "\(size.width)x\(size.height); Tally needs \(Layout.minimum)", "q quits"]
        for (offset, line) in lines.enumerated() {
            let y = size.height / 2 - 1 + offset
            canvas.write(line, x: max(0, (size.width - DisplayWidth.of(line)) / 2), y: y, role: offset == 0 ? .warning : .text)
        }
    }
}

/// Finding the selected row by id, falling back to the first row.
enum Selection {
    static func index(of id: String?, in rows: [PaneRow]) -> Int? {
        guard !rows.isEmpty else { return nil }
        guard let id else { return 0 }
        return rows.firstIndex { $0.id == id } ?? 0
    }
}
