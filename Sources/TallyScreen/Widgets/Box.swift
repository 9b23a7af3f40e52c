/// A bordered region with a title in its top edge: the frame of every pane and overlay.
public struct Box {
    public var title: String
    public var isFocused: Bool
    public var glyphs: Glyphs

    public init(title: String, isFocused: Bool, glyphs: Glyphs) {
        self.title = title
        self.isFocused = isFocused
        self.glyphs = glyphs
    }

    public func render(into canvas: inout Canvas, in rect: Rect) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let border: StyleRole = isFocused ? .paneBorderFocused : .paneBorder
        // The border's glyphs are one column each: put cell by cell, not measured as text.
        func put(_ glyph: Character, _ x: Int, _ y: Int) { canvas.put(Cell(glyph, role: border), x: x, y: y) }
        put(glyphs.topLeft, rect.x, rect.y)
        put(glyphs.bottomLeft, rect.x, rect.maxY - 1)
        for x in rect.x + 1..<rect.maxX - 1 {
            put(glyphs.horizontal, x, rect.y)
            put(glyphs.horizontal, x, rect.maxY - 1)
        }
        put(glyphs.topRight, rect.maxX - 1, rect.y)
        put(glyphs.bottomRight, rect.maxX - 1, rect.maxY - 1)
        for y in rect.y + 1..<rect.maxY - 1 {
            put(glyphs.vertical, rect.x, y)
            put(glyphs.vertical, rect.maxX - 1, y)
        }
        canvas.fill(rect.inner, role: .text)
        guard rect.width > 6 else { return }
        let label = " " + title.fitted(to: min(DisplayWidth.of(title), rect.width - 4), ellipsis: glyphs.ellipsis) + " "
        canvas.write(label, x: rect.x + 1, y: rect.y, role: isFocused ? .paneTitleFocused : .paneTitle, limit: rect.maxX - 1)
    }
}
