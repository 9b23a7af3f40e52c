import Glibc

/// Bytes waiting to go to one client, written without blocking. Chunks are shared arrays, so
/// a batch encoded once costs each of fifty clients a reference, not a copy.
struct OutputQueue {
    enum Progress: Equatable {
        /// Everything queued is written.
        case drained
        /// The socket is full; wait for it to be writable.
        case blocked
        /// The peer has gone.
        case closed
    }

    private var chunks: [[UInt8]] = []
    private var head = 0
    /// Bytes of `chunks[head]` already written.
    private var offset = 0
    private(set) var pendingBytes = 0
    private(set) var sentBytes = 0

    var isEmpty: Bool { pendingBytes == 0 }

    mutating func append(_ chunk: [UInt8]) {
        guard !chunk.isEmpty else { return }
        chunks.append(chunk)
        pendingBytes += chunk.count
    }

    /// Forgets what has not started to go out, keeping the chunk being written so that the
    /// peer never receives half a line; returns the bytes dropped.
    @discardableResult
    mutating func dropUnsent() -> Int {
        let keep = offset > 0 && head < chunks.count ? chunks[head].count - offset : 0
        let dropped = pendingBytes - keep
        chunks = offset > 0 && head < chunks.count ? [chunks[head]] : []
        head = 0
        pendingBytes = keep
        if keep == 0 { offset = 0 }
        return dropped
    }

    /// Writes as much as the socket takes.
    mutating func write(to descriptor: Int32) -> Progress {
        while head < chunks.count {
            let written = chunks[head].withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { return .blocked }
                if errno == EINTR { continue }
                return .closed
            }
            offset += written
            pendingBytes -= written
            sentBytes += written
            if offset == chunks[head].count {
                head += 1
                offset = 0
            }
        }
        chunks.removeAll(keepingCapacity: true)
        head = 0
        return .drained
    }
}
