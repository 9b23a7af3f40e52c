import Synchronization
import TallyCore

/// One subscriber's end of the bus: a bounded buffer it drains at its own pace.
///
/// A synchronous consumer (the terminal loop) calls `drain()` when `onReady` tells it that
/// something arrived; an async consumer awaits `next()`.
public final class Subscription: Sendable {
    private struct Inner {
        var buffer: SubscriberBuffer
        var waiter: CheckedContinuation<[Envelope], Never>?
        var isCancelled = false
    }

    private let inner: Mutex<Inner>
    private let onReady: (@Sendable () -> Void)?
    let id: Int

    init(id: Int, capacity: Int, onReady: (@Sendable () -> Void)?) {
        self.id = id
        self.inner = Mutex(Inner(buffer: SubscriberBuffer(capacity: capacity)))
        self.onReady = onReady
    }

    /// Samples coalesced because this subscriber fell behind.
    public var coalescedCount: Int { inner.withLock { $0.buffer.coalescedCount } }

    /// Everything that arrived since the last call, in bus order; empty when nothing did.
    public func drain() -> [Envelope] {
        inner.withLock { $0.buffer.drain() }
    }

    /// Waits for the next envelopes; returns an empty array once the subscription is cancelled.
    public func next() async -> [Envelope] {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: [Envelope]? = inner.withLock { state in
                    if state.isCancelled { return [] }
                    if !state.buffer.isEmpty { return state.buffer.drain() }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Stops delivery; a pending `next()` returns empty.
    public func cancel() {
        let waiter = inner.withLock { state in
            state.isCancelled = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: [])
    }

    var isCancelled: Bool { inner.withLock { $0.isCancelled } }

    func deliver(_ envelope: Envelope) {
        let (waiter, batch, wasEmpty): (CheckedContinuation<[Envelope], Never>?, [Envelope], Bool) =
            inner.withLock { state in
                guard !state.isCancelled else { return (nil, [], false) }
                let wasEmpty = state.buffer.isEmpty
                state.buffer.append(envelope)
                guard let waiter = state.waiter else { return (nil, [], wasEmpty) }
                state.waiter = nil
                return (waiter, state.buffer.drain(), wasEmpty)
            }
        waiter?.resume(returning: batch)
        if wasEmpty { onReady?() }
    }
}
