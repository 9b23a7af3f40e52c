/// The key table: one list of bindings drives the keymap, the footer's hints and the `?` list,
/// so that a key rebound in `keys.yaml` is the key all three show. Pure.
public struct KeyBindings: Sendable, Equatable {
    public private(set) var bindings: [KeyBinding]
    /// The width of the keys' column in `?`.
    static let helpKeysWidth = 10

    init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// Two commands of one mode on the same key.
    public struct Conflict: Sendable, Equatable, CustomStringConvertible {
        public var key: Key
        public var commands: [KeyCommand]
        public var mode: KeyMode
        public var description: String {
            "\"\(key.label(glyphs: .unicode))\" would run both \(commands.map(\.rawValue).joined(separator: " and ")) (\(mode.rawValue))"
        }
    }

    /// The command `key` runs: a replay's binding first while a recording plays, then the panes'.
    public func command(for key: Key, isReplay: Bool) -> KeyCommand? {
        if isReplay, let replay = bindings.first(where: { $0.mode == .replay && $0.keys.contains(key) }) { return replay.command }
        return bindings.first { $0.mode == .panes && $0.keys.contains(key) }?.command
    }

    /// The keys that run `command`.
    public func keys(for command: KeyCommand) -> [Key] {
        bindings.first { $0.command == command }?.keys ?? []
    }

    /// The table with `command` on `keys` instead of its own.
    public func rebinding(_ command: KeyCommand, to keys: [Key]) -> KeyBindings {
        var copy = self
        for index in copy.bindings.indices where copy.bindings[index].command == command { copy.bindings[index].keys = keys }
        return copy
    }

    /// Every key bound to more than one command within a mode.
    public var conflicts: [Conflict] {
        var found: [Conflict] = []
        for mode in [KeyMode.panes, .replay] {
            let inMode = bindings.filter { $0.mode == mode }
            var seen: [Key] = []
            for key in inMode.flatMap(\.keys) where !seen.contains(key) {
                seen.append(key)
                let commands = inMode.filter { $0.keys.contains(key) }.map(\.command)
                if commands.count > 1 { found.append(Conflict(key: key, commands: commands, mode: mode)) }
            }
        }
        return found
    }

    /// The footer's hints, in order: the alert actions while the Alerts pane has the focus, the
    /// replay's keys while a recording plays.
    public func hints(alertsFocused: Bool, isReplay: Bool, glyphs: Glyphs) -> [(key: String, label: String)] {
        bindings.compactMap { binding -> (Int, String, String)? in
            guard let hint = binding.hint, let key = binding.keys.first, binding.mode == .panes || isReplay,
                  alertsFocused || !hint.alertsOnly else { return nil }
            let paired = hint.pairedWith.flatMap { keys(for: $0).first }.map { "/" + $0.label(glyphs: glyphs) } ?? ""
            return (hint.rank, key.label(glyphs: glyphs) + paired, hint.label)
        }
        .sorted { $0.0 < $1.0 }
        .map { ($0.1, $0.2) }
    }

    /// The `?` list: a line per help text. A command alone on its line shows all its keys; the
    /// commands sharing a line (`j k` move the selection) show their first key each.
    public func helpLines(in modes: Set<KeyMode>, glyphs: Glyphs) -> [(keys: String, help: String)] {
        var groups: [(help: String, bindings: [KeyBinding])] = []
        for binding in bindings where modes.contains(binding.mode) {
            if let last = groups.last, last.help == binding.help {
                groups[groups.count - 1].bindings.append(binding)
            } else {
                groups.append((binding.help, [binding]))
            }
        }
        return groups.map { group in
            func labels(_ keys: [Key]) -> String { keys.map { $0.label(glyphs: glyphs) }.joined(separator: " ") }
            guard group.bindings.count > 1 else { return (labels(group.bindings[0].keys), group.help) }
            // Their second keys too (`j k ↑ ↓`), when the line has room for them all.
            let first = labels(group.bindings.compactMap(\.keys.first))
            let both = labels(group.bindings.compactMap(\.keys.first) + group.bindings.compactMap { $0.keys.dropFirst().first })
            return (DisplayWidth.of(both) <= Self.helpKeysWidth ? both : first, group.help)
        }
    }
}
