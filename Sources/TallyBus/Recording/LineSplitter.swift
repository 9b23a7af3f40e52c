/// Splits a stream of bytes into lines, holding at most one partial line between chunks.
/// A line longer than `maximumLineLength` is reported as too long rather than buffered.
struct LineSplitter {
    enum Line {
        case complete(ArraySlice<UInt8>, number: Int)
        case tooLong(number: Int)
    }

    let maximumLineLength: Int
    private var partial: [UInt8] = []
    private var partialIsTooLong = false
    private(set) var lineNumber = 0

    init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Feeds a chunk; calls `body` for each line it completes (without the newline).
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Line) throws -> Void) rethrows {
        var start = 0
        while start < chunk.count {
            guard let newline = chunk[start...].firstIndex(of: 0x0A) else {
                appendPartial(chunk[start...])
                return
            }
            lineNumber += 1
            if partial.isEmpty && !partialIsTooLong {
                if newline - start > maximumLineLength {
                    try body(.tooLong(number: lineNumber))
                } else {
                    try body(.complete(ArraySlice(chunk[start..<newline]), number: lineNumber))
                }
            } else {
                appendPartial(chunk[start..<newline])
                try body(partialIsTooLong ? .tooLong(number: lineNumber) : .complete(partial[...], number: lineNumber))
                partial.removeAll(keepingCapacity: true)
                partialIsTooLong = false
            }
            start = newline + 1
        }
    }

    /// The bytes after the last newline, if any: a last line without its newline.
    mutating func finish() -> Line? {
        guard !partial.isEmpty || partialIsTooLong else { return nil }
        lineNumber += 1
        defer { partial = []; partialIsTooLong = false }
        return partialIsTooLong ? .tooLong(number: lineNumber) : .complete(partial[...], number: lineNumber)
    }

    private mutating func appendPartial(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        guard !partialIsTooLong else { return }
        if partial.count + bytes.count > maximumLineLength {
            partialIsTooLong = true
            partial.removeAll()
        } else {
            partial.append(contentsOf: bytes)
        }
    }
}
