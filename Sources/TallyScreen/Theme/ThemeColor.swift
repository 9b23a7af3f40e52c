/// A colour as a theme names it, degraded to what the terminal can show.
public enum ThemeColor: Sendable, Equatable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(Int)
    /// An xterm 256-colour palette index.
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `red`, `bright-blue`, `default`, `208`, or `#5fafff`.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        if lowered == "default" { self = .terminalDefault; return }
        if let index = Self.ansiNames.firstIndex(of: lowered) { self = .ansi(index); return }
        if lowered.hasPrefix("bright-"), let index = Self.ansiNames.firstIndex(of: String(lowered.dropFirst(7))) {
            self = .ansi(index + 8); return
        }
        if let number = Int(lowered), (0...255).contains(number) {
            self = number < 16 ? .ansi(number) : .indexed(number); return
        }
        if lowered.hasPrefix("#"), lowered.count == 7, let value = UInt32(lowered.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)); return
        }
        return nil
    }

    /// The colour number to give curses at `depth`; -1 is the terminal's default; nil without colour.
    public func number(at depth: Int) -> Int? {
        guard depth >= 8 else { return nil }
        switch self {
        case .terminalDefault: return -1
        case .ansi(let index): return depth >= 16 ? index : index % 8
        case .indexed(let index):
            if depth >= 256 { return index }
            return Self.nearestANSI(to: Self.rgb(ofIndex: index), depth: depth)
        case .rgb(let r, let g, let b):
            if depth >= 256 { return Self.nearest256(r, g, b) }
            return Self.nearestANSI(to: (Int(r), Int(g), Int(b)), depth: depth)
        }
    }

    /// The xterm defaults for the 16 ANSI colours.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        switch index {
        case ..<16: return ansiRGB[index]
        case ..<232:
            let cube = index - 16
            return (cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
        default:
            let grey = 8 + (index - 232) * 10
            return (grey, grey, grey)
        }
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    static func nearestANSI(to color: (Int, Int, Int), depth: Int) -> Int {
        let candidates = depth >= 16 ? 0..<16 : 0..<8
        return candidates.min { distance(ansiRGB[$0], color) < distance(ansiRGB[$1], color) }!
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let color = (Int(r), Int(g), Int(b))
        return (16..<256).min { distance(rgb(ofIndex: $0), color) < distance(rgb(ofIndex: $1), color) }!
    }
}
