/// The nearest ASCII for a character: typographic marks by their plain equivalents, accented
/// letters by their base letter, anything else as `?`. Wide characters become two `?` columns
/// worth of meaning in one, which is the honest answer on a terminal that cannot show them.
public enum ASCIIFallback {
    static let table: [Character: Character] = [
        "×": "x", "·": "-", "—": "-", "–": "-", "→": ">", "←": "<", "…": "~", "’": "'", "‘": "'",
        "“": "\"", "”": "\"", "•": "*", "█": "#", "▲": "^", "▼": "v", "⏎": "<", "▸": ">", "▾": "v", "≈": "~", "↑": "^", "↓": "v",
    ]

    public static func of(_ character: Character) -> Character {
        if character.isASCII { return character }
        if let mapped = table[character] { return mapped }
        if let base = character.unicodeScalars.first, base.isASCII { return Character(base) }
        let decomposed = String(character).decomposedStringWithCanonicalMappingWithoutFoundation
        if let base = decomposed.unicodeScalars.first, base.isASCII { return Character(base) }
        return "?"
    }
}

extension String {
    /// Canonical decomposition of Latin letters with diacritics (é → e + ◌́), enough to find
    /// a base letter without Foundation.
    fileprivate var decomposedStringWithCanonicalMappingWithoutFoundation: String {
        var out = ""
        for scalar in unicodeScalars {
            if let mapping = scalar.properties.canonicalDecomposition { out += mapping } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

extension Unicode.Scalar.Properties {
    /// The canonical decomposition of a precomposed Latin letter, derived from its name
    /// ("LATIN SMALL LETTER E WITH ACUTE" → "e").
    fileprivate var canonicalDecomposition: String? {
        guard let name, name.hasPrefix("LATIN "), let with = name.range(of: " WITH ") else { return nil }
        let letterName = name[name.startIndex..<with.lowerBound]
        guard let letter = letterName.split(separator: " ").last, letter.count == 1 else { return nil }
        return letterName.contains("SMALL") ? letter.lowercased() : String(letter)
    }
}
