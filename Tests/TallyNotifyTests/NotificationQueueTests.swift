import Foundation
import Testing
import TallyCore
import TallyNotify

/// The queue between the console and the notifiers: an alert's notifications leave in the
/// order the engine made them, however slow the first one is.
struct NotificationQueueTests {
    @Test func aResolveNeverOvertakesASlowTrigger() async throws {
        let output = NSTemporaryDirectory() + "tally-queue-\(UUID().uuidString).log"
        defer { unlink(output) }
        // The trigger takes half a second to deliver, the resolve none.
        let script = "input=$(cat); case \"$input\" in *'\"trigger\"'*) sleep 0.5; echo trigger >> \(output);; *) echo resolve >> \(output);; esac"
        let slow = NotifierSettings(name: "slow", kind: .command(arguments: ["/bin/sh", "-c", script]), timeoutSeconds: 60, retries: 0)
        let published = NotifierTests.Published()
        let queue = NotificationQueue(dispatcher: NotificationDispatcher(notifiers: [slow], roster: .demo, publish: published.add))
        queue.enqueue([NotifierTests.notification(.trigger), NotifierTests.notification(.resolve)])
        await queue.drain()
        let delivered = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(delivered == ["trigger", "resolve"])
        #expect(published.outcomes.map(\.action) == [.trigger, .resolve])
    }

    /// The hub stopping: a notification waiting out its backoff past the deadline is given up,
    /// and says so once, without counting against its notifier.
    @Test func aNotificationPastTheDeadlineIsGivenUpAndSaysSo() async throws {
        let failing = NotifierSettings(name: "sms", kind: .command(arguments: ["/bin/false"]), timeoutSeconds: 5, retries: 3, backoffSeconds: 60)
        let published = NotifierTests.Published()
        let queue = NotificationQueue(dispatcher: NotificationDispatcher(notifiers: [failing], roster: .demo, publish: published.add))
        queue.enqueue(NotifierTests.notification(.trigger))
        let failed = ContinuousClock.now
        while published.outcomes.isEmpty, ContinuousClock.now - failed < .seconds(10) { try await Task.sleep(for: .milliseconds(10)) }
        // Attempt 1 has failed: the queue waits out its deadline, not the minute of backoff.
        let started = ContinuousClock.now
        #expect(await queue.drain(within: 0.3) == false)
        #expect(ContinuousClock.now - started < .seconds(8))
        let outcomes = published.outcomes
        #expect(outcomes.count == 2)
        #expect(outcomes.last?.detail == "not sent: the hub stopped before attempt 2 of 4")
        #expect(outcomes.allSatisfy { !$0.delivered })
    }

    @Test func drainingInTimeSaysSo() async throws {
        let quick = NotifierSettings(name: "sms", kind: .command(arguments: ["/bin/true"]), timeoutSeconds: 5, retries: 0)
        let published = NotifierTests.Published()
        let queue = NotificationQueue(dispatcher: NotificationDispatcher(notifiers: [quick], roster: .demo, publish: published.add))
        queue.enqueue(NotifierTests.notification(.trigger))
        #expect(await queue.drain(within: 30))
        #expect(published.outcomes.map(\.delivered) == [true])
    }
}
