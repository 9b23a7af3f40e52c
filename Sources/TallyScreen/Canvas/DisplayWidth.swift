/// How many terminal columns a character takes: 2 for East Asian wide and emoji presentation,
/// 0 for combining marks and zero-width characters, 1 otherwise.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        if character.isASCII { return character == "\u{7F}" || character < " " ? 0 : 1 }
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        if scalars.next() == nil, isPlainlyNarrow(first) { return 1 }
        return ofCluster(character, first: first)
    }

    /// Single scalars one column wide without asking Unicode's tables: Latin letters, dashes and
    /// punctuation, arrows, box drawing, blocks and shapes, which every frame's borders, marks
    /// and charts are drawn with.
    static func isPlainlyNarrow(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAE...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x25FC: true
        default: false
        }
    }

    /// The width from the properties of the cluster's scalars.
    static func ofCluster(_ character: Character, first: Unicode.Scalar) -> Int {
        if character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation })
            || character.unicodeScalars.contains("\u{FE0F}") && first.properties.isEmoji {
            return 2
        }
        return of(first)
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        switch scalar.value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Columns taken by `text`.
    public static func of(_ text: some StringProtocol) -> Int {
        isPrintableASCII(text) ? text.utf8.count : text.reduce(0) { $0 + of($1) }
    }

    /// Whether `text` is printable ASCII alone, each byte a character one column wide.
    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

extension String {
    /// The text cut or padded to exactly `width` columns; a cut ends with `ellipsis`.
    public func fitted(to width: Int, ellipsis: String = "…", alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let columns = DisplayWidth.of(self)
        if columns <= width {
            let padding = String(repeating: " ", count: width - columns)
            return alignRight ? padding + self : self + padding
        }
        let room = width - DisplayWidth.of(ellipsis)
        var out = "", used = 0
        for character in self {
            let w = DisplayWidth.of(character)
            if used + w > room { break }
            out.append(character)
            used += w
        }
        return out + ellipsis + String(repeating: " ", count: max(0, room - used))
    }
}
