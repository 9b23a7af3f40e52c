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
        let horizontal = String(repeating: glyphs.horizontal, count: rect.width - 2)
        canvas.write(String(glyphs.topLeft) + horizontal + String(glyphs.topRight), x: rect.x, y: rect.y, role: border)
        canvas.write(String(glyphs.bottomLeft) + horizontal + String(glyphs.bottomRight), x: rect.x, y: rect.maxY - 1, role: border)
        for y in rect.y + 1..<rect.maxY - 1 {
            canvas.write(String(glyphs.vertical), x: rect.x, y: y, role: border)
            canvas.write(String(glyphs.vertical), x: rect.maxX - 1, y: y, role: border)
        }
        canvas.fill(rect.inner, role: .text)
        guard rect.width > 6 else { return }
        let label = " " + title.fitted(to: min(DisplayWidth.of(title), rect.width - 4), ellipsis: glyphs.ellipsis) + " "
        canvas.write(label, x: rect.x + 1, y: rect.y, role: isFocused ? .paneTitleFocused : .paneTitle, limit: rect.maxX - 1)
    }
}
