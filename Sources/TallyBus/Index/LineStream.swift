import Foundation

/// The lines of a plain file from a byte offset on, read in large chunks, each with the offset
/// where it starts and its line number: what an index is built from and a seek reads on from.
struct LineStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    /// The file offset of `buffer[position]`.
    private var offset: UInt64
    private var lineNumber: Int
    private var isAtEnd = false
    private let chunkSize: Int

    init(path: String, from offset: UInt64 = 0, lineNumber: Int = 1, chunkSize: Int = 1 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RecordingError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        try handle.seek(toOffset: offset)
        self.handle = handle
        self.offset = offset
        self.lineNumber = lineNumber
        self.chunkSize = chunkSize
    }

    func close() { try? handle.close() }

    /// The next complete line (without its newline), where it starts and its number; nil at
    /// the end (an unterminated last line is left out: it may be half written).
    mutating func next() throws -> (line: ArraySlice<UInt8>, offset: UInt64, number: Int)? {
        while true {
            if let newline = Self.newline(in: buffer, from: position) {
                let line = buffer[position..<newline]
                let start = offset
                offset += UInt64(newline + 1 - position)
                position = newline + 1
                lineNumber += 1
                return (line, start, lineNumber - 1)
            }
            guard !isAtEnd else { return nil }
            buffer.removeFirst(position)
            position = 0
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { isAtEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    /// The index of the first newline in `bytes` at or after `start`.
    private static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count, let found = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
