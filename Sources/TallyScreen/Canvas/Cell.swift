/// One terminal cell: a grapheme cluster, the columns it takes, and its style role.
/// The cell after a wide character has width 0 and shows nothing of its own.
public struct Cell: Hashable, Sendable {
    /// Colours of the cell's own, instead of its role's: a picture's pixels. The numbers are the
    /// terminal's (already fitted to its colour depth); -1 is the terminal's default.
    public struct Paint: Hashable, Sendable {
        public var foreground: Int16
        public var background: Int16

        public init(foreground: Int16, background: Int16 = -1) {
            self.foreground = foreground
            self.background = background
        }
    }

    public var character: Character
    public var width: UInt8
    public var role: StyleRole
    public var paint: Paint?

    public init(_ character: Character, width: UInt8 = 1, role: StyleRole = .text, paint: Paint? = nil) {
        self.character = character
        self.width = width
        self.role = role
        self.paint = paint
    }

    public static let blank = Cell(" ")
}
