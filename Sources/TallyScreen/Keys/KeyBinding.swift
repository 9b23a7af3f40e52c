/// One row of the key table: the keys that run a command in a mode, the command's line in `?`,
/// and its place in the footer, if it has one.
public struct KeyBinding: Sendable, Equatable {
    public var command: KeyCommand
    public var mode: KeyMode
    public var keys: [Key]
    /// The command's line in `?`; consecutive bindings with the same text share one line.
    public var help: String
    public var hint: Hint?

    /// How the footer shows a binding.
    public struct Hint: Sendable, Equatable {
        public var label: String
        /// Footer order, lowest first.
        public var rank: Int
        /// Shown only while the Alerts pane has the focus.
        public var alertsOnly = false
        /// A command whose key is shown with this one's (`j/k move`).
        public var pairedWith: KeyCommand?
    }

    init(_ command: KeyCommand, _ keys: [Key], _ help: String, mode: KeyMode = .panes, hint: Hint? = nil) {
        self.command = command
        self.mode = mode
        self.keys = keys
        self.help = help
        self.hint = hint
    }
}

extension KeyBinding.Hint {
    static func footer(_ label: String, _ rank: Int, alertsOnly: Bool = false, pairedWith: KeyCommand? = nil) -> Self {
        Self(label: label, rank: rank, alertsOnly: alertsOnly, pairedWith: pairedWith)
    }
}
