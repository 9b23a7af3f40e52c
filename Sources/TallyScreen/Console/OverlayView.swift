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
        let width = min(area.width - 2, max(44, (lines.map { DisplayWidth.of($0.text) }.max() ?? 0) + 4))
        let height = min(area.height, lines.count + 2)
        guard width > 10, height > 2 else { return }
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        Box(title: title, isFocused: true, glyphs: context.glyphs).render(into: &canvas, in: rect)
        canvas.fill(rect.inner, role: .overlay)
        for (offset, line) in lines.prefix(rect.inner.height).enumerated() {
            canvas.write(" " + line.text, x: rect.inner.x, y: rect.inner.y + offset, role: line.role, limit: rect.inner.maxX)
        }
    }

    private func content() -> (String, [Table.Item]) {
        switch overlay {
        case .help: return ("Keys", KeyHelp.lines(demo: context.mode.isDemo, glyphs: context.glyphs))
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

/// Every key, for the `?` overlay.
enum KeyHelp {
    static func lines(demo: Bool, glyphs: Glyphs) -> [Table.Item] {
        var keys: [(String, String)] = [
            ("Tab / Shift-Tab", "next / previous pane"), ("1 2 3 4", "events, feeds, viewers, alerts"),
            ("j k ↑ ↓", "move the selection"), ("g G  PgUp PgDn", "first, last, page up, page down"),
            (glyphs.enter, "details of the selection"), ("a", "acknowledge the selected alert"),
            ("A", "un-acknowledge it"), ("e", "escalate it to the next level, with a note"),
            ("R", "resolve it, with a note"), ("s", "silence alerts like it (Tab scope, ↑↓ time)"),
            ("S", "list silences; x expires one"),
            ("c", "the selected event's checklist (space ticks, u unticks)"), ("r", "the selected alert's runbook"),
            ("H", "write the shift handover, with a note"), ("v", "the rundown: the next hours as a time line"), ("z", "fold or unfold the alert's event group"),
            ("/", "filter the focused pane (Esc clears)"),
            ("t", "next theme"), ("?", "this list"), ("Esc", "close an overlay"), ("q  Ctrl-C", "quit"),
        ]
        if demo {
            keys += [("space", "pause or resume the replay"), ("+ -", "replay faster or slower (1×–64×)"),
                     ("]", "jump to the next alert")]
        }
        return keys.map { Table.Item($0.0.fitted(to: 16) + " " + $0.1, .overlay) }
    }
}
