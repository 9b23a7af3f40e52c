/// The document overlay (runbooks, handovers): the Markdown drawn for the terminal in a large box, scrolled, with
/// where it came from and how far down it is in the last line.
struct DocumentOverlay {
    var document: DocumentView
    var glyphs: Glyphs

    func render(into canvas: inout Canvas, in area: Rect) {
        let width = min(area.width - 2, 96), height = area.height - 2
        guard width > 20, height > 4 else { return }
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + 1, width: width, height: height)
        Box(title: document.title, isFocused: true, glyphs: glyphs).render(into: &canvas, in: rect)
        canvas.fill(rect.inner, role: .overlay)
        let lines = MarkdownText.lines(document.markdown, width: rect.inner.width - 2, glyphs: glyphs)
        let room = rect.inner.height - 1
        let top = min(document.scroll, max(0, lines.count - room))
        for (offset, line) in lines.dropFirst(top).prefix(room).enumerated() {
            var x = rect.inner.x + 1
            for span in line { x = canvas.write(span.text, x: x, y: rect.inner.y + offset, role: span.role, limit: rect.inner.maxX) }
        }
        let shown = lines.isEmpty ? "empty" : "\(top + 1)–\(min(lines.count, top + room)) of \(lines.count)"
        _ = canvas.write(" " + document.source + " · " + shown + " · j/k space scroll · Esc close", x: rect.inner.x,
                     y: rect.inner.maxY - 1, role: .dim, limit: rect.inner.maxX)
    }
}
