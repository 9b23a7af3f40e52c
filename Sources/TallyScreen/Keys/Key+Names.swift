extension Key {
    /// The names of keys that are not a single character, as `keys.yaml` writes them.
    static let namedKeys: [(name: String, key: Key)] = [
        ("space", .character(" ")), ("enter", .enter), ("esc", .escape), ("tab", .tab), ("shift-tab", .backTab),
        ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("pgup", .pageUp), ("pgdn", .pageDown),
        ("home", .home), ("end", .end), ("backspace", .backspace),
    ]

    /// The key a name stands for: a single printable character, or one of `namedKeys`; nil otherwise.
    public init?(named name: String) {
        if let named = Self.namedKeys.first(where: { $0.name == name.lowercased() }) {
            self = named.key
            return
        }
        guard name.count == 1, let character = name.first, !character.isWhitespace, !character.isNewline,
              character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
        self = .character(character)
    }

    /// Every name a key can be given, for a message saying what is allowed.
    public static var nameList: String {
        "a single character, or " + namedKeys.map(\.name).joined(separator: ", ")
    }

    /// How the footer and `?` write the key.
    public func label(glyphs: Glyphs) -> String {
        switch self {
        case .character(" "): "space"
        case .character(let character): String(character)
        case .enter: glyphs.enter
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .backspace: "BkSp"
        case .interrupt: "Ctrl-C"
        }
    }
}
