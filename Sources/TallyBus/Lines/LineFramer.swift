import Foundation

/// Cuts a byte stream into lines, holding at most one partial line between chunks: the one
/// framer for every newline-delimited stream Tally reads (recordings, the hub's connections
/// in both directions, ingest). A line longer than `cap` is reported as oversized and skipped
/// up to its newline rather than buffered, so that a hostile sender cannot make a reader hold
/// without limit. Lines are numbered from 1 in the order they end.
public struct LineFramer: Sendable {
    public enum Line: Sendable, Equatable {
        /// A whole line, without its newline (a trailing `\r` is kept; JSON ignores it).
        case line(ArraySlice<UInt8>, number: Int)
        /// A line longer than the cap, dropped.
        case oversized(number: Int)
    }

    public let cap: Int
    private var partial: [UInt8] = []
    private var partialIsOversized = false
    /// Lines ended so far.
    public private(set) var lineNumber = 0

    public init(cap: Int) {
        self.cap = cap
    }

    /// Feeds a chunk; calls `body` for each line it completes, in order.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Line) throws -> Void) rethrows {
        var start = 0
        while start < chunk.count {
            guard let base = chunk.baseAddress, let found = memchr(base + start, 0x0A, chunk.count - start) else {
                appendPartial(chunk[start...])
                return
            }
            let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            lineNumber += 1
            if partial.isEmpty && !partialIsOversized {
                if newline - start > cap {
                    try body(.oversized(number: lineNumber))
                } else {
                    try body(.line(ArraySlice(chunk[start..<newline]), number: lineNumber))
                }
            } else {
                appendPartial(chunk[start..<newline])
                try body(partialIsOversized ? .oversized(number: lineNumber) : .line(partial[...], number: lineNumber))
                partial.removeAll(keepingCapacity: true)
                partialIsOversized = false
            }
            start = newline + 1
        }
    }

    /// Feeds a chunk and returns the lines it completes.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) -> [Line] {
        var lines: [Line] = []
        feed(chunk.bindMemory(to: UInt8.self)) { lines.append($0) }
        return lines
    }

    /// The bytes after the last newline, if any: a last line without its newline.
    public mutating func finish() -> Line? {
        guard !partial.isEmpty || partialIsOversized else { return nil }
        lineNumber += 1
        defer { partial = []; partialIsOversized = false }
        return partialIsOversized ? .oversized(number: lineNumber) : .line(partial[...], number: lineNumber)
    }

    private mutating func appendPartial(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        guard !partialIsOversized else { return }
        if partial.count + bytes.count > cap {
            partialIsOversized = true
            partial.removeAll()
        } else {
            partial.append(contentsOf: bytes)
        }
    }
}
