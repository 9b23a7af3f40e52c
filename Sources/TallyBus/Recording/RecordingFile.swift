import Foundation

/// A recording file read a chunk at a time into a `RecordingParser`.
struct RecordingFile {
    let path: String
    private let handle: FileHandle
    private let chunkSize: Int

    init(path: String, chunkSize: Int) throws(RecordingError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// Feeds the next chunk to `parser`; false when the file has ended or the rest is corrupt.
    func feedNext(to parser: inout RecordingParser) throws(RecordingError) -> Bool {
        do {
            guard let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty else { return false }
            return try parser.consume(chunk)
        } catch let error as RecordingError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
    }

    func close() {
        try? handle.close()
    }
}
