/// The token a TCP client must present, compared in constant time: how long the comparison
/// takes says nothing about how much of a guess was right.
public struct AccessToken: Sendable {
    private let bytes: [UInt8]

    /// A token of at least 16 bytes; nil for anything shorter.
    public init?(_ text: String) {
        guard text.utf8.count >= 16 else { return nil }
        bytes = Array(text.utf8)
    }

    public func matches(_ presented: String) -> Bool {
        let other = Array(presented.utf8)
        var difference = UInt8(truncatingIfNeeded: bytes.count ^ other.count)
        for index in bytes.indices {
            difference |= bytes[index] ^ (index < other.count ? other[index] : 0)
        }
        return difference == 0
    }
}
