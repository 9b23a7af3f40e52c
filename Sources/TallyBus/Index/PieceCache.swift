import Foundation

/// Pieces of saved states already decoded, keyed by their exact line, in two generations: a
/// piece found is moved to the current one, and when the current one is full it becomes the
/// previous one (dropping the older). Pieces every seek needs stay; the rest age out.
struct PieceCache {
    private var current: [LineKey: StatePiece] = [:]
    private var previous: [LineKey: StatePiece] = [:]
    /// Pieces a generation holds.
    let capacity: Int

    init(capacity: Int = 16_384) { self.capacity = capacity }

    var count: Int { current.count + previous.count }

    /// The piece decoded from exactly this line, if any.
    mutating func piece(for line: ArraySlice<UInt8>) -> StatePiece? {
        let key = LineKey(line)
        if let piece = current[key] { return piece }
        guard let piece = previous.removeValue(forKey: key) else { return nil }
        insert(piece, for: line)
        return piece
    }

    mutating func insert(_ piece: StatePiece, for line: ArraySlice<UInt8>) {
        if current.count >= capacity {
            previous = current
            current = [:]
        }
        current[LineKey(ArraySlice(Array(line)))] = piece
    }
}

/// A line's bytes as a dictionary key, hashed and compared in bulk.
private struct LineKey: Hashable {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (lhs: LineKey, rhs: LineKey) -> Bool {
        lhs.bytes.count == rhs.bytes.count && lhs.bytes.withUnsafeBytes { left in
            rhs.bytes.withUnsafeBytes { right in memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 }
        }
    }
}
