import Foundation

import TallyCore

/// Runs `body` for every index in `0..<count` on every core, each worker with a decoder of its
/// own (a decoder is not shared between threads); the results keep the indices' order.
func decodedInParallel<T>(count: Int, _ body: @Sendable (Int, EnvelopeDecoder) throws -> T) -> [Result<T, any Error>] {
    let workers = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
    let slots = ResultSlots<T>(count: count)
    defer { slots.deallocate() }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let decoder = EnvelopeDecoder()
        for index in stride(from: worker, to: count, by: workers) {
            slots.fill(index, with: Result { try body(index, decoder) })
        }
    }
    return slots.take()
}

/// The results of `decodedInParallel`: each worker fills only its own slots, so the workers
/// share nothing but the buffer, and the results are taken after every worker is done.
private struct ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<Result<T, any Error>>
    private let count: Int

    init(count: Int) {
        self.count = count
        buffer = .allocate(capacity: count)
    }

    func fill(_ index: Int, with result: Result<T, any Error>) { (buffer + index).initialize(to: result) }

    func take() -> [Result<T, any Error>] { (0..<count).map { (buffer + $0).move() } }

    func deallocate() { buffer.deallocate() }
}
