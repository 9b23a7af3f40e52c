/// The xterm colour palette: the 16 ANSI colours, the 6×6×6 cube and the 24 greys, with the
/// nearest colour to an RGB value by a perceptual weighting (green counts most).
public enum XtermPalette {
    /// An RGB colour, 0…255 a channel.
    public typealias RGB = (red: Int, green: Int, blue: Int)

    /// The xterm defaults for the 16 ANSI colours.
    static let ansi: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The colour of palette entry `index` (0…255).
    public static func rgb(ofIndex index: Int) -> RGB {
        switch index {
        case ..<16: return ansi[max(0, index)]
        case ..<232:
            let cube = index - 16
            return (cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
        default:
            let grey = 8 + (min(index, 255) - 232) * 10
            return (grey, grey, grey)
        }
    }

    /// The nearest of the first 8 or 16 ANSI colours (`count`), for terminals without the palette.
    public static func nearestANSI(to color: RGB, count: Int) -> Int {
        (0..<(count >= 16 ? 16 : 8)).min { distance(ansi[$0], color) < distance(ansi[$1], color) }!
    }

    /// The nearest entry of the cube and the greys (16…255), which look the same on every terminal.
    public static func nearest256(to color: RGB) -> Int {
        (16..<256).min { distance(rgb(ofIndex: $0), color) < distance(rgb(ofIndex: $1), color) }!
    }

    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let red = a.red - b.red, green = a.green - b.green, blue = a.blue - b.blue
        return 2 * red * red + 4 * green * green + 3 * blue * blue
    }
}
