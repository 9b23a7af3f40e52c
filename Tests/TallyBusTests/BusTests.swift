import Testing
import TallyCore
@testable import TallyBus

struct BusTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    func sample(_ feed: String, age: Double) -> BusEvent {
        .feedSample(FeedSample(feedId: feed, variant: "v", targetDuration: 2, playlistAge: age, mediaSequence: 1,
                               discontinuitySequence: 0, liveWindow: 12, segmentDownloadTime: 0.1,
                               measuredBitrate: 1, declaredBitrate: 1, errors: 0))
    }

    func raise(_ key: String) -> BusEvent {
        .alertRaised(AlertRaised(dedupKey: key, severity: .critical, summary: key, source: "test"))
    }

    @Test func everySubscriberSeesEveryEnvelopeInPublishOrder() {
        let bus = Bus()
        let first = bus.subscribe(), second = bus.subscribe()
        for index in 0..<100 { bus.publish(raise("k\(index)"), at: Self.t0, source: "test") }
        let seqs = first.drain().map(\.seq)
        #expect(seqs == Array(1...100))
        #expect(second.drain().map(\.seq) == seqs)
    }

    @Test func concurrentPublishersInterleaveIntoOneOrderSeenByAll() async {
        let bus = Bus()
        let first = bus.subscribe(capacity: 10_000), second = bus.subscribe(capacity: 10_000)
        await withTaskGroup(of: Void.self) { group in
            for publisher in 0..<4 {
                group.addTask {
                    for index in 0..<250 { bus.publish(self.raise("p\(publisher)-\(index)"), at: Self.t0, source: "p\(publisher)") }
                }
            }
        }
        let a = first.drain(), b = second.drain()
        #expect(a.count == 1000)
        #expect(a.map(\.seq) == Array(1...1000))
        #expect(a == b)
    }

    @Test func aSlowSubscriberGetsTheLatestSampleButEveryAlert() {
        var buffer = SubscriberBuffer(capacity: 3)
        var seq: UInt64 = 0
        func add(_ event: BusEvent) {
            seq += 1
            buffer.append(Envelope(seq: seq, timestamp: Self.t0, source: "t", event: event))
        }
        add(sample("f1", age: 1)); add(sample("f2", age: 1)); add(raise("a"))
        // Behind from here on: samples of the same feed replace each other, alerts all stay.
        add(sample("f1", age: 2)); add(raise("b")); add(sample("f1", age: 3)); add(raise("c"))
        let delivered = buffer.drain()
        #expect(delivered.map(\.seq) == [2, 3, 5, 6, 7])
        #expect(buffer.coalescedCount == 2)
        if case .feedSample(let latest) = delivered[3].event { #expect(latest.playlistAge == 3) } else { Issue.record("expected a sample") }
    }

    @Test func underCapacityNothingIsCoalesced() {
        var buffer = SubscriberBuffer(capacity: 10)
        for seq in 1...5 {
            buffer.append(Envelope(seq: UInt64(seq), timestamp: Self.t0, source: "t", event: sample("f1", age: Double(seq))))
        }
        #expect(buffer.drain().count == 5)
        #expect(buffer.coalescedCount == 0)
    }

    @Test func operatorActionsAreNeverDroppedHoweverFarBehind() {
        let bus = Bus()
        let slow = bus.subscribe(capacity: 2)
        for index in 0..<500 {
            bus.publish(sample("f\(index % 3)", age: Double(index)), at: Self.t0, source: "monitor")
            bus.publish(.operatorAction(OperatorAction(alertId: index, action: .ack, actor: "maria", channel: "key")),
                        at: Self.t0, source: "console")
        }
        let delivered = slow.drain()
        let actions = delivered.filter { if case .operatorAction = $0.event { true } else { false } }
        #expect(actions.count == 500)
        #expect(delivered.count == 503)
        #expect(delivered.map(\.seq) == delivered.map(\.seq).sorted())
    }

    @Test func asyncSubscriberWakesForTheNextBatchAndStopsWhenCancelled() async {
        let bus = Bus()
        let subscription = bus.subscribe()
        let waiter = Task { await subscription.next() }
        bus.publish(raise("a"), at: Self.t0, source: "t")
        #expect(await waiter.value.map(\.seq) == [1])
        subscription.cancel()
        #expect(await subscription.next().isEmpty)
        bus.publish(raise("b"), at: Self.t0, source: "t")
        #expect(subscription.drain().isEmpty)
    }

    @Test func onReadyFiresWhenTheBufferStopsBeingEmpty() {
        final class Counter: @unchecked Sendable { var value = 0 }
        let counter = Counter()
        let bus = Bus()
        let subscription = bus.subscribe(onReady: { counter.value += 1 })
        bus.publish(raise("a"), at: Self.t0, source: "t")
        bus.publish(raise("b"), at: Self.t0, source: "t")
        #expect(counter.value == 1)
        _ = subscription.drain()
        bus.publish(raise("c"), at: Self.t0, source: "t")
        #expect(counter.value == 2)
    }
}
