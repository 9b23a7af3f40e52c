import Synchronization
import TallyCore

/// Hands the engine's notifications to the dispatcher without holding up the console: each
/// alert's notifications go out in the order the engine made them (a resolve never overtakes
/// its trigger), while different alerts' go out side by side.
public final class NotificationQueue: Sendable {
    private struct Tail {
        var generation: Int
        var task: Task<Void, Never>
    }

    private let dispatcher: NotificationDispatcher
    private let tails = Mutex<(next: Int, byAlert: [AlertID: Tail])>((0, [:]))

    public init(dispatcher: NotificationDispatcher) {
        self.dispatcher = dispatcher
    }

    public func enqueue(_ notifications: [AlertNotification]) {
        for notification in notifications { enqueue(notification) }
    }

    public func enqueue(_ notification: AlertNotification) {
        tails.withLock { tails in
            let previous = tails.byAlert[notification.alertId]?.task
            let generation = tails.next
            tails.next += 1
            let task = Task { [dispatcher] in
                await previous?.value
                await dispatcher.send(notification)
                self.finished(notification.alertId, generation: generation)
            }
            tails.byAlert[notification.alertId] = Tail(generation: generation, task: task)
        }
    }

    /// Waits until every notification handed in so far has been delivered or given up on.
    public func drain() async {
        let pending = tails.withLock { $0.byAlert.values.map(\.task) }
        for task in pending { await task.value }
    }

    /// Waits as `drain()` does, for `seconds` at most; then cancels what is left, each
    /// notification saying on the bus that it was not sent. True when everything was delivered
    /// or given up on in time.
    public func drain(within seconds: Double) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.drain(); return true }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(saturating: max(0, seconds) * 1000)))
                return false
            }
            let drained = await group.next() ?? true
            if !drained {
                for task in tails.withLock({ $0.byAlert.values.map(\.task) }) { task.cancel() }
            }
            group.cancelAll()
            return drained
        }
    }

    private func finished(_ alert: AlertID, generation: Int) {
        tails.withLock { tails in
            if tails.byAlert[alert]?.generation == generation { tails.byAlert[alert] = nil }
        }
    }
}
