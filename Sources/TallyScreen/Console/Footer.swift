/// The bottom line: the filter being typed, the answer to the last key, or the keys that
/// matter in the focused pane.
struct Footer {
    var view: ViewState
    var context: ScreenContext

    func render(into canvas: inout Canvas, y: Int, width: Int) {
        canvas.fill(Rect(x: 0, y: y, width: width, height: 1), role: .footer)
        if let draft = view.filterDraft {
            let cursor = context.glyphs == .ascii ? "_" : "█"
            let end = canvas.write(" /" + draft + cursor, x: 0, y: y, role: .prompt)
            canvas.write("  \(context.glyphs.enter) apply  Esc clear", x: end, y: y, role: .footer)
            return
        }
        if let draft = view.commandDraft {
            let cursor = context.glyphs == .ascii ? "_" : "█"
            let end = canvas.write(" :" + draft + cursor, x: 0, y: y, role: .prompt)
            canvas.write("  Tab complete  \(context.glyphs.enter) run  Esc cancel", x: end, y: y, role: .footer)
            return
        }
        if let prompt = view.prompt {
            let cursor = context.glyphs == .ascii ? "_" : "█"
            var x = canvas.write(" " + prompt.question + " ", x: 0, y: y, role: .footer)
            x = canvas.write(prompt.text + cursor, x: x, y: y, role: .prompt)
            for (key, label) in prompt.hints where x + DisplayWidth.of(key) + DisplayWidth.of(label) + 3 <= width {
                x = canvas.write("  " + key, x: x, y: y, role: .footerKey)
                x = canvas.write(" " + label, x: x, y: y, role: .footer)
            }
            return
        }
        var x = 0
        if let message = view.message {
            x = canvas.write(" " + message + " ", x: 0, y: y, role: .prompt)
            x += 1
        }
        for (key, label) in hints {
            guard x + DisplayWidth.of(key) + DisplayWidth.of(label) + 2 <= width else { break }
            x = canvas.write(" " + key, x: x, y: y, role: .footerKey)
            x = canvas.write(" " + label + " ", x: x, y: y, role: .footer)
        }
    }

    /// From the key table, so that a rebound key is the key shown.
    var hints: [(key: String, label: String)] {
        let bindings = context.bindings
        if view.overlay != nil {
            return [("Esc", "close")] + bindings.keys(for: .quit).prefix(1).map { ($0.label(glyphs: context.glyphs), "quit") }
        }
        return bindings.hints(alertsFocused: view.focus == .alerts, isReplay: context.mode.isDemo, glyphs: context.glyphs)
    }
}
