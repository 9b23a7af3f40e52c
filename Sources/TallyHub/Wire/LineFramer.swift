/// Cuts a byte stream into lines, holding at most `cap` bytes of an unfinished one: a longer
/// line is reported as oversized and skipped up to its newline, so that a hostile sender
/// cannot make the hub buffer without limit.
public struct LineFramer: Sendable {
    public enum Item: Sendable, Equatable {
        case line([UInt8])
        /// A line longer than the cap, dropped.
        case oversized
    }

    public let cap: Int
    private var pending: [UInt8] = []
    private var isSkipping = false

    public init(cap: Int) {
        self.cap = cap
    }

    /// Bytes held of a line not yet ended.
    public var pendingCount: Int { pending.count }

    /// The lines `bytes` completes, in order (a trailing `\r` is kept; JSON ignores it).
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [Item] {
        var items: [Item] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                if !isSkipping {
                    pending.append(contentsOf: bytes[start...])
                    if pending.count > cap { overflow(into: &items) }
                }
                break
            }
            if isSkipping {
                isSkipping = false
            } else {
                pending.append(contentsOf: bytes[start..<newline])
                if pending.count > cap {
                    pending.removeAll(keepingCapacity: false)
                    items.append(.oversized)
                } else {
                    items.append(.line(pending))
                    pending.removeAll(keepingCapacity: true)
                }
            }
            start = newline + 1
        }
        return items
    }

    /// The unfinished last line at the end of the stream, if any.
    public mutating func finish() -> Item? {
        defer { pending = []; isSkipping = false }
        return pending.isEmpty || isSkipping ? nil : .line(pending)
    }

    private mutating func overflow(into items: inout [Item]) {
        pending.removeAll(keepingCapacity: false)
        isSkipping = true
        items.append(.oversized)
    }
}
