/// One terminal cell: a grapheme cluster, the columns it takes, and its style role.
/// The cell after a wide character has width 0 and shows nothing of its own.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var width: UInt8
    public var role: StyleRole

    public init(_ character: Character, width: UInt8 = 1, role: StyleRole = .text) {
        self.character = character
        self.width = width
        self.role = role
    }

    public static let blank = Cell(" ")
}
