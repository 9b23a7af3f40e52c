import TallyCore

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
            return XtermPalette.nearestANSI(to: XtermPalette.rgb(ofIndex: index), count: depth)
        case .rgb(let r, let g, let b):
            let color = (red: Int(r), green: Int(g), blue: Int(b))
            return depth >= 256 ? XtermPalette.nearest256(to: color) : XtermPalette.nearestANSI(to: color, count: depth)
        }
    }
}
