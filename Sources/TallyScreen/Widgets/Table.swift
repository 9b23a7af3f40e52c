/// Rows under a header line, with one selected row kept in view and a count of rows below.
public struct Table {
    /// A column: fixed width, or a share of the width left over (at least `minimum`).
    public struct Column {
        public enum Width { case fixed(Int), flexible(minimum: Int) }
        public var title: String
        public var width: Width
        public var alignRight: Bool

        public init(_ title: String, _ width: Width, alignRight: Bool = false) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
        }
    }

    /// One cell's text and role.
    public struct Item: Sendable, Equatable {
        public var text: String
        public var role: StyleRole

        public init(_ text: String, _ role: StyleRole = .text) {
            self.text = text
            self.role = role
        }
    }

    public var columns: [Column]
    /// How many rows there are; only those in view are asked for.
    public var rowCount: Int
    /// The cells of row `index`, built when it is drawn.
    public var cellsOfRow: (Int) -> [Item]
    public var selectedIndex: Int?
    public var showsSelection: Bool
    public var glyphs: Glyphs

    public init(columns: [Column], rowCount: Int, cellsOfRow: @escaping (Int) -> [Item], selectedIndex: Int?, showsSelection: Bool,
                glyphs: Glyphs) {
        self.columns = columns
        self.rowCount = rowCount
        self.cellsOfRow = cellsOfRow
        self.selectedIndex = selectedIndex
        self.showsSelection = showsSelection
        self.glyphs = glyphs
    }

    public init(columns: [Column], rows: [[Item]], selectedIndex: Int?, showsSelection: Bool, glyphs: Glyphs) {
        self.init(columns: columns, rowCount: rows.count, cellsOfRow: { rows[$0] }, selectedIndex: selectedIndex,
                  showsSelection: showsSelection, glyphs: glyphs)
    }

    /// The column widths for `width` columns of room, one space between columns.
    func widths(for width: Int) -> [Int] {
        let fixed = columns.reduce(0) { total, column in
            if case .fixed(let w) = column.width { return total + w }
            return total
        }
        let flexibleCount = columns.filter { if case .flexible = $0.width { true } else { false } }.count
        let gaps = max(0, columns.count - 1)
        let spare = max(0, width - fixed - gaps)
        var remaining = spare
        var flexibleSeen = 0
        return columns.map { column in
            switch column.width {
            case .fixed(let w): return w
            case .flexible(let minimum):
                flexibleSeen += 1
                let share = flexibleSeen == flexibleCount ? remaining : spare / max(1, flexibleCount)
                remaining -= share
                return max(minimum, share)
            }
        }
    }

    public func render(into canvas: inout Canvas, in rect: Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        let widths = widths(for: rect.width)
        draw(columns.map { Item($0.title, .tableHeader) }, widths: widths, into: &canvas, x: rect.x, y: rect.y, limit: rect.maxX)
        let visible = rect.height - 1
        guard visible > 0 else { return }
        let needsMoreLine = rowCount > visible
        let rowsShown = needsMoreLine ? visible - 1 : visible
        let offset = scrollOffset(visibleRows: rowsShown)
        for line in 0..<min(rowsShown, rowCount - offset) {
            let index = offset + line
            let y = rect.y + 1 + line
            draw(cellsOfRow(index), widths: widths, into: &canvas, x: rect.x, y: y, limit: rect.maxX)
            if showsSelection && index == selectedIndex {
                canvas.restyle(row: y, from: rect.x, to: rect.maxX, role: .selection)
            }
        }
        if needsMoreLine {
            let hidden = rowCount - rowsShown
            let above = offset, below = hidden - offset
            var parts: [String] = []
            if above > 0 { parts.append("\(glyphs.up) \(above) above") }
            if below > 0 { parts.append("\(glyphs.down) \(below) more") }
            canvas.write(parts.joined(separator: "  "), x: rect.x, y: rect.maxY - 1, role: .dim, limit: rect.maxX)
        }
    }

    /// The first row shown: the top, unless the selection would fall out of view.
    func scrollOffset(visibleRows: Int) -> Int {
        guard let selected = selectedIndex, visibleRows > 0, selected >= visibleRows else { return 0 }
        return min(selected - visibleRows + 1, max(0, rowCount - visibleRows))
    }

    private func draw(_ items: [Item], widths: [Int], into canvas: inout Canvas, x: Int, y: Int, limit: Int) {
        var column = x
        for (index, item) in items.enumerated() where index < widths.count {
            let width = min(widths[index], limit - column)
            guard width > 0 else { break }
            canvas.write(item.text, x: column, y: y, role: item.role, fitting: width, ellipsis: glyphs.ellipsis,
                         alignRight: columns[index].alignRight, limit: limit)
            column += width + 1
        }
    }
}
