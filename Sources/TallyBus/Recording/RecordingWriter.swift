import Foundation
import TallyCore

/// Writes a recording: the header, then one envelope per line, buffered and flushed on demand.
/// A path ending in `.gz` is written gzip-compressed.
public final class RecordingWriter {
    private let handle: FileHandle
    private let deflater: GzipDeflater?
    private let encoder = WireFormat.makeEncoder()
    private var buffer = Data()
    private let flushThreshold = 1 << 16
    /// Bytes of lines written so far (before compression), header included.
    public private(set) var bytesWritten = 0

    /// Creates (or truncates) the file at `path` and writes the header.
    public init(path: String, header: RecordingHeader) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else {
            throw RecordingError.unreadable(file: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        self.deflater = path.hasSuffix(".gz") ? try GzipDeflater() : nil
        buffer.append(contentsOf: header.jsonLine().utf8)
        buffer.append(0x0A)
        bytesWritten = buffer.count
    }

    /// Appends one envelope.
    public func append(_ envelope: Envelope) throws {
        let line = try envelope.jsonLine(payloadEncoder: encoder).utf8
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        bytesWritten += line.count + 1
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes what is buffered to the file.
    public func flush() throws {
        try flush(finishing: false)
    }

    /// Flushes and closes the file.
    public func close() throws {
        try flush(finishing: true)
        try handle.close()
    }

    private func flush(finishing: Bool) throws {
        guard !buffer.isEmpty || (finishing && deflater != nil) else { return }
        try handle.write(contentsOf: deflater?.compress(buffer, finish: finishing) ?? buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
