import Foundation
import Synchronization

/// Gzip-compresses saved states on a thread of its own while the index pass reads on, at most
/// `ahead` states waiting at a time (so that memory stays bounded), keeping their order.
final class StateCompressor: Sendable {
    private let queue = DispatchQueue(label: "tally.index.compress")
    private let room: DispatchSemaphore
    private let done = Mutex<(blobs: [Data], failure: String?)>(([], nil))

    init(ahead: Int = 4) { room = DispatchSemaphore(value: ahead) }

    /// Queues `text` to be compressed after those queued before it.
    func compress(_ text: Data) {
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            do {
                let blob = try GzipDeflater(level: 6).compress(text, finish: true)
                done.withLock { $0.blobs.append(blob) }
            } catch {
                done.withLock { $0.failure = "\(error)" }
            }
        }
    }

    /// Every state compressed, in the order queued.
    func finish() throws -> [Data] {
        queue.sync {}
        let (blobs, failure) = done.withLock { ($0.blobs, $0.failure) }
        if let failure { throw RecordingError.unreadable(file: "the index", reason: "a saved state could not be compressed: \(failure)") }
        return blobs
    }
}
