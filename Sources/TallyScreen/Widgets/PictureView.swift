import TallyCore

/// A checked picture drawn in cells. With 16 colours or more and Unicode, each cell is a half
/// block (`▀`) whose foreground is the upper pixel and background the lower one; otherwise each
/// cell is a character of a luminance ramp, coloured by the nearest colour where the terminal
/// has 8 or more, so that the black, the slate and the test card can be told apart anywhere.
struct PictureView {
    var preview: PicturePreview
    var colors: Int
    var glyphs: Glyphs

    /// Darkest to brightest.
    static let ramp = Array(" .:-=+*#%@")

    /// The size of `columns` wide at the picture's 16:9 in cells (a cell is about twice as tall
    /// as it is wide, so two pixels high).
    static func rows(forColumns columns: Int) -> Int {
        max(1, (columns * 9 + 16) / 32)
    }

    var usesHalfBlocks: Bool { colors >= 16 && glyphs == .unicode }

    func render(into canvas: inout Canvas, in rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        if usesHalfBlocks {
            let pixels = preview.pixels(width: rect.width, height: rect.height * 2)
            for row in 0..<rect.height {
                for column in 0..<rect.width {
                    let top = pixels[2 * row * rect.width + column], bottom = pixels[(2 * row + 1) * rect.width + column]
                    let paint = Cell.Paint(foreground: number(of: top), background: number(of: bottom))
                    canvas.put(Cell("▀", role: .overlay, paint: paint), x: rect.x + column, y: rect.y + row)
                }
            }
        } else {
            let pixels = preview.pixels(width: rect.width, height: rect.height)
            for row in 0..<rect.height {
                for column in 0..<rect.width {
                    let pixel = pixels[row * rect.width + column]
                    let luma = 0.299 * Double(pixel.red) + 0.587 * Double(pixel.green) + 0.114 * Double(pixel.blue)
                    let step = Self.ramp[min(Self.ramp.count - 1, Int(saturating: luma / 256 * Double(Self.ramp.count)))]
                    let paint = colors >= 8 ? Cell.Paint(foreground: number(of: pixel)) : nil
                    canvas.put(Cell(step, role: .overlay, paint: paint), x: rect.x + column, y: rect.y + row)
                }
            }
        }
    }

    /// The terminal's colour number nearest to `pixel`.
    private func number(of pixel: XtermPalette.RGB) -> Int16 {
        Int16(colors >= 256 ? XtermPalette.nearest256(to: pixel) : XtermPalette.nearestANSI(to: pixel, count: colors))
    }
}
