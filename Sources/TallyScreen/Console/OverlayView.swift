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
        let (title, lines) = content()
        // A list taller than the screen (the keys, on 80x24) flows into a second column.
        let widest = (lines.map { DisplayWidth.of($0.text) }.max() ?? 0) + 2
        let columns = lines.count > area.height - 2 && area.width - 4 >= 2 * widest ? 2 : 1
        let perColumn = (lines.count + columns - 1) / columns
        let width = min(area.width - 2, max(44, widest * columns + 2))
        let height = min(area.height, perColumn + 2)
        guard width > 10, height > 2 else { return }
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        Box(title: title, isFocused: true, glyphs: context.glyphs).render(into: &canvas, in: rect)
        canvas.fill(rect.inner, role: .overlay)
        for (index, line) in lines.enumerated() {
            let column = index / perColumn, row = index % perColumn
            guard row < rect.inner.height else { continue }
            canvas.write(" " + line.text, x: rect.inner.x + column * widest, y: rect.inner.y + row, role: line.role,
                         limit: column + 1 < columns ? rect.inner.x + (column + 1) * widest : rect.inner.maxX)
        }
    }

    private func content() -> (String, [Table.Item]) {
        switch overlay {
        case .help: return ("Keys", KeyHelp.lines(bindings: context.bindings, demo: context.mode.isDemo, glyphs: context.glyphs))
        case .detail(let pane, let id): return DetailLines.of(pane, id: id, state: state, context: context)
        case .silences(let selected): return ("Silences", SilenceList.lines(state: state, selected: selected, context: context))
        case .document(let document): return (document.title, [])
        case .rundown: return ("Rundown", [])
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
