/// A frame as data: a grid of cells that widgets draw into and the terminal backend paints.
/// Printed as text, it is what snapshot tests compare.
public struct Canvas: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// When set, every character written is transliterated to ASCII (for terminals whose
    /// locale cannot show anything else).
    public let isASCIIOnly: Bool

    public init(size: Size, asciiOnly: Bool = false) {
        self.size = size
        self.cells = Array(repeating: .blank, count: size.width * size.height)
        self.isASCIIOnly = asciiOnly
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Writes `text` from (x, y) with `role`, clipped at `limit` (default: the right edge);
    /// returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let end = min(limit ?? size.width, size.width)
        if DisplayWidth.isPrintableASCII(text) { return writeASCII(text.utf8, x: x, y: y, role: role, end: end) }
        var column = x
        for original in text {
            let character = isASCIIOnly ? ASCIIFallback.of(original) : original
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if column + width > end { break }
            if column >= 0 {
                clearWideNeighbours(x: column, y: y, width: width)
                cells[y * size.width + column] = Cell(character, width: UInt8(width), role: role)
                if width == 2 { cells[y * size.width + column + 1] = Cell(" ", width: 0, role: role) }
            }
            column += width
        }
        return column
    }

    /// Writes `text` in exactly `width` columns from (x, y), as `text.fitted(to:ellipsis:alignRight:)`
    /// would read, without building that string: padded with spaces in `role`, or cut with
    /// `ellipsis`; clipped at `limit`.
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole, fitting width: Int, ellipsis: String, alignRight: Bool,
                               limit: Int) {
        guard width > 0 else { return }
        let columns = DisplayWidth.of(text)
        if columns <= width {
            let start = alignRight ? x + width - columns : x
            pad(y: y, from: x, to: start, role: role, limit: limit)
            // What the limit cuts short is not padded after.
            guard write(text, x: start, y: y, role: role, limit: limit) == start + columns else { return }
            pad(y: y, from: start + columns, to: x + width, role: role, limit: limit)
            return
        }
        let dots = DisplayWidth.of(ellipsis), room = width - dots
        let cut = write(text, x: x, y: y, role: role, limit: min(limit, x + max(0, room)))
        guard write(ellipsis, x: cut, y: y, role: role, limit: limit) == cut + dots else { return }
        pad(y: y, from: cut + dots, to: cut + dots + max(0, x + room - cut), role: role, limit: limit)
    }

    /// Spaces in `role` from column `from` up to `to`, clipped at `limit` and the edges.
    private mutating func pad(y: Int, from: Int, to: Int, role: StyleRole, limit: Int) {
        guard y >= 0, y < size.height else { return }
        for column in max(0, from)..<max(max(0, from), min(to, limit, size.width)) {
            clearWideNeighbours(x: column, y: y, width: 1)
            cells[y * size.width + column] = Cell(" ", role: role)
        }
    }

    /// `write` for text of printable ASCII alone, a byte a cell.
    private mutating func writeASCII(_ bytes: some Sequence<UInt8>, x: Int, y: Int, role: StyleRole, end: Int) -> Int {
        var column = x
        for byte in bytes {
            if column + 1 > end { break }
            if column >= 0 {
                clearWideNeighbours(x: column, y: y, width: 1)
                cells[y * size.width + column] = Cell(Character(Unicode.Scalar(byte)), role: role)
            }
            column += 1
        }
        return column
    }

    /// Puts one narrow `cell` at (x, y), if that is on the canvas.
    public mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < size.width, y >= 0, y < size.height, cell.width == 1 else { return }
        clearWideNeighbours(x: x, y: y, width: 1)
        cells[y * size.width + x] = cell
    }

    /// Fills `rect` with `character` in `role`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", role: StyleRole) {
        let clipped = rect.clipped(to: bounds)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * size.width + x] = Cell(character, role: role) }
        }
    }

    /// Gives every cell of row `y` between `x` and `maxX` the role `role`, keeping the text.
    public mutating func restyle(row y: Int, from x: Int, to maxX: Int, role: StyleRole) {
        guard y >= 0, y < size.height else { return }
        for column in max(0, x)..<min(maxX, size.width) { cells[y * size.width + column].role = role }
    }

    /// Row `y` as text; wide characters take their two columns.
    public func text(row y: Int) -> String {
        var line = ""
        for x in 0..<size.width where self[x, y].width > 0 { line.append(self[x, y].character) }
        return line
    }

    /// Every row as text, joined by newlines.
    public var text: String {
        (0..<size.height).map { text(row: $0) }.joined(separator: "\n")
    }

    /// Overwriting half of a wide character leaves its other half blank, never garbage.
    private mutating func clearWideNeighbours(x: Int, y: Int, width: Int) {
        let row = y * size.width
        if cells[row + x].width == 0, x > 0 { cells[row + x - 1] = .blank }
        let last = x + width - 1
        if cells[row + last].width == 2, last + 1 < size.width { cells[row + last + 1] = .blank }
    }
}

extension Rect {
    func clipped(to other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        return Rect(x: x0, y: y0, width: min(maxX, other.maxX) - x0, height: min(maxY, other.maxY) - y0)
    }
}
