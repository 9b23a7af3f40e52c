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
}
