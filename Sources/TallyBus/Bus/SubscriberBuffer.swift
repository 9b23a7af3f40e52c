import TallyCore

/// The envelopes waiting for one subscriber, in bus order.
///
/// Up to `capacity` envelopes queue one by one. Past that the subscriber is behind: a metric
/// sample (feed or viewer) replaces the pending sample of the same feed or event, so a slow
/// subscriber gets the latest figures instead of a backlog. Everything else (schedule, health,
/// alerts, operator actions) is always queued: it is never dropped nor merged.
public struct SubscriberBuffer: Sendable {
    public let capacity: Int
    /// Pending envelopes; nil marks a sample that a newer one of the same key replaced.
    private var slots: [Envelope?] = []
    private var head = 0
    private var pendingByKey: [String: Int] = [:]
    public private(set) var count = 0
    /// Samples replaced by newer ones since the buffer was made.
    public private(set) var coalescedCount = 0

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ envelope: Envelope) {
        if let key = envelope.event.coalescingKey {
            if count >= capacity, let index = pendingByKey[key] {
                slots[index] = nil
                count -= 1
                coalescedCount += 1
            }
            pendingByKey[key] = slots.count
        }
        slots.append(envelope)
        count += 1
    }

    /// Everything pending, oldest first, leaving the buffer empty.
    public mutating func drain() -> [Envelope] {
        var out: [Envelope] = []
        out.reserveCapacity(count)
        for index in head..<slots.count {
            if let envelope = slots[index] { out.append(envelope) }
        }
        slots.removeAll(keepingCapacity: slots.capacity <= capacity * 4)
        head = 0
        pendingByKey.removeAll(keepingCapacity: true)
        count = 0
        return out
    }
}
