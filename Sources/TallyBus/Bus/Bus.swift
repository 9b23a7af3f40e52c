import Synchronization
import TallyCore

/// The in-process event bus: stamps each published event with the next sequence number and
/// delivers it, in that order, to every subscriber's own bounded buffer.
public final class Bus: Sendable {
    private struct Inner {
        var lastSeq: UInt64 = 0
        var nextSubscriberID = 0
        var subscribers: [Subscription] = []
    }

    private let inner = Mutex(Inner())

    public init() {}

    /// A new subscriber that sees everything published from now on. `onReady` is called
    /// (on the publisher's thread) when its buffer goes from empty to non-empty.
    public func subscribe(capacity: Int = 4096, onReady: (@Sendable () -> Void)? = nil) -> Subscription {
        inner.withLock { state in
            let subscription = Subscription(id: state.nextSubscriberID, capacity: capacity, onReady: onReady)
            state.nextSubscriberID += 1
            state.subscribers.append(subscription)
            return subscription
        }
    }

    /// Publishes `event`, stamping it with the next sequence number; returns the envelope sent.
    @discardableResult
    public func publish(
        _ event: BusEvent, at timestamp: Instant, source: String,
        id: String? = nil, site: String? = nil, console: String? = nil
    ) -> Envelope {
        inner.withLock { state in
            state.lastSeq += 1
            state.subscribers.removeAll { $0.isCancelled }
            let envelope = Envelope(
                seq: state.lastSeq, id: id, timestamp: timestamp, source: source,
                site: site, console: console, event: event)
            // Delivery happens under the bus lock so that concurrent publishers cannot
            // interleave: every subscriber sees the same order.
            for subscriber in state.subscribers { subscriber.deliver(envelope) }
            return envelope
        }
    }

    /// Re-publishes an envelope from elsewhere (a recording, another hub), keeping its metadata
    /// but giving it this bus's next sequence number.
    @discardableResult
    public func publish(_ envelope: Envelope) -> Envelope {
        publish(
            envelope.event, at: envelope.timestamp, source: envelope.source,
            id: envelope.id, site: envelope.site, console: envelope.console)
    }
}
