import TallyCore

/// An overlay box over the panes: the list of keys, or the details of the selected item.
struct OverlayView {
    var overlay: ViewState.Overlay
    var state: ConsoleState
    var context: ScreenContext

    func render(into canvas: inout Canvas, in area: Rect) {
        if overlay == .rundown { return RundownOverlay(state: state, context: context).render(into: &canvas, in: area) }
        if case .document(let document) = overlay {
            return DocumentOverlay(document: document, glyphs: context.glyphs).render(into: &canvas, in: area)
        }
        let (title, lines) = content(rows: area.height - 2)
        let picture = picture()
        // A picture stands at the top right, its caption under it; the lines beside it stop short of it.
        let pictureColumns = picture == nil ? 0 : area.width >= 120 ? 32 : 24
        let pictureRows = picture == nil ? 0 : PictureView.rows(forColumns: pictureColumns) + 1
        // A list taller than the screen (the keys, on 80x24) flows into a second column.
        let widest = (lines.map { DisplayWidth.of($0.text) }.max() ?? 0) + 2
        let columns = picture == nil && lines.count > area.height - 2 && area.width - 4 >= 2 * widest ? 2 : 1
        let perColumn = (lines.count + columns - 1) / columns
        let width = min(area.width - 2, max(44, widest * columns + 2) + (picture == nil ? 0 : pictureColumns + 2))
        let height = min(area.height, max(perColumn, pictureRows) + 2)
        guard width > 10 + pictureColumns, height > 2 else { return }
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        Box(title: title, isFocused: true, glyphs: context.glyphs).render(into: &canvas, in: rect)
        canvas.fill(rect.inner, role: .overlay)
        for (index, line) in lines.enumerated() {
            let column = index / perColumn, row = index % perColumn
            guard row < rect.inner.height else { continue }
            let beside = row < pictureRows ? rect.inner.maxX - pictureColumns - 2 : rect.inner.maxX
            canvas.write(" " + line.text, x: rect.inner.x + column * widest, y: rect.inner.y + row, role: line.role,
                         limit: column + 1 < columns ? rect.inner.x + (column + 1) * widest : beside)
        }
        if let (preview, caption) = picture {
            let x = rect.inner.maxX - pictureColumns - 1
            let frame = Rect(x: x, y: rect.inner.y, width: pictureColumns, height: min(pictureRows - 1, rect.inner.height))
            PictureView(preview: preview, colors: context.colors, glyphs: context.glyphs).render(into: &canvas, in: frame)
            canvas.write(caption, x: x, y: frame.maxY, role: .dim, limit: rect.inner.maxX)
        }
    }

    /// The feed's last checked picture and its caption (`19:02:03 (12s ago)`), when the detail is a feed's and it has one.
    private func picture() -> (PicturePreview, String)? {
        guard case .detail(.feeds, let id) = overlay, let content = state.feeds[id]?.content,
              let text = content.preview, let at = content.previewAt, let preview = PicturePreview(base64: text) else { return nil }
        return (preview, Labels.clock(at, seconds: true) + " (" + Figures.duration(context.now.seconds(since: at)) + " ago)")
    }

    /// The title and lines, for `rows` rows inside the box where the content can use them.
    private func content(rows: Int) -> (String, [Table.Item]) {
        switch overlay {
        case .help: return ("Keys", KeyHelp.lines(bindings: context.bindings, demo: context.mode.isDemo, glyphs: context.glyphs))
        case .detail(let pane, let id): return DetailLines.of(pane, id: id, state: state, context: context)
        case .silences(let selected): return ("Silences", SilenceList.lines(state: state, selected: selected, context: context))
        case .document(let document): return (document.title, [])
        case .rundown: return ("Rundown", [])
        case .report(let report): return (ReportLines.title(report, context: context), ReportLines.lines(report, rows: rows, titles: state.events.mapValues(\.title), context: context))
        case .checklist(let id, let selected):
            guard let event = state.events[id], let checklist = state.checklist(of: id) else { return ("Gone", [Table.Item("no longer scheduled", .dim)]) }
            return (ChecklistLines.title(event: event), ChecklistLines.lines(event: event, checklist: checklist, selected: selected, context: context))
        }
    }
}

/// Every key, for the `?` overlay, from the key table: short enough to stand in two columns on 80x24.
enum KeyHelp {
    static func lines(bindings: KeyBindings, demo: Bool, glyphs: Glyphs) -> [Table.Item] {
        bindings.helpLines(in: demo ? [.panes, .replay] : [.panes], glyphs: glyphs).map { Table.Item($0.keys.fitted(to: KeyBindings.helpKeysWidth + 1) + $0.help, .overlay) }
    }
}
