import CNcursesw
import TallyScreen

/// Turns each style role of a theme into curses attributes and a colour pair, allocating
/// pairs as needed for the terminal's colour depth.
struct ColorPairs {
    struct Resolved {
        var attributes: attr_t
        var pair: Int16
    }

    private(set) var byRole: [StyleRole: Resolved] = [:]
    private var pairs: [PairKey: Int16] = [:]
    /// Pairs made for cells with their own colours (a picture's), numbered after the theme's.
    private var painted: [PairKey: Int16] = [:]
    private var maximumPairs = 0

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Resolves every role of `theme` for `depth`; pairs beyond what the terminal has fall back to pair 0.
    mutating func load(_ theme: Theme, depth: ColorDepth, maximumPairs: Int) {
        pairs = [:]
        painted = [:]
        byRole = [:]
        self.maximumPairs = min(maximumPairs, Int(Int16.max))
        for role in StyleRole.allCases {
            let resolved = theme.resolved(role, depth: depth.rawValue)
            var attributes = tally_a_normal()
            for attribute in resolved.attributes {
                switch attribute {
                case .bold: attributes |= tally_a_bold()
                case .dim: attributes |= tally_a_dim()
                case .underline: attributes |= tally_a_underline()
                case .reverse: attributes |= tally_a_reverse()
                case .italic: attributes |= tally_a_italic()
                }
            }
            var pair: Int16 = 0
            if depth > .none, resolved.foreground != nil || resolved.background != nil {
                let key = PairKey(foreground: Int16(resolved.foreground ?? -1), background: Int16(resolved.background ?? -1))
                if let existing = pairs[key] {
                    pair = existing
                } else if pairs.count + 1 < self.maximumPairs {
                    pair = Int16(pairs.count + 1)
                    init_pair(pair, key.foreground, key.background)
                    pairs[key] = pair
                }
            }
            byRole[role] = Resolved(attributes: attributes, pair: pair)
        }
    }

    /// The pair for a cell's own colours, made on first use; nil once every pair is taken
    /// (`forgetPaints` then frees them for a full repaint).
    mutating func pair(for paint: Cell.Paint) -> Int16? {
        let key = PairKey(foreground: paint.foreground, background: paint.background)
        if let existing = painted[key] { return existing }
        let number = pairs.count + painted.count + 1
        guard number < maximumPairs else { return nil }
        init_pair(Int16(number), key.foreground, key.background)
        painted[key] = Int16(number)
        return Int16(number)
    }

    /// Frees the pairs of painted cells, to be made again as the next frame needs them.
    mutating func forgetPaints() {
        painted = [:]
    }
}
