import Synchronization

/// How the hub's core asks the server for a turn when something arrives off the server's
/// thread (the bus, a signal): any thread may call `wake()`; the server coalesces the calls
/// into one turn on its event loop.
public final class HubWakeup: Sendable {
    private let action = Mutex<(@Sendable () -> Void)?>(nil)

    public init() {}

    /// Asks for a turn; cheap, never blocks, and does nothing before a server is attached.
    public func wake() {
        action.withLock { $0 }?()
    }

    /// Sets what a wake-up does (the server, once it serves).
    func connect(_ body: (@Sendable () -> Void)?) {
        action.withLock { $0 = body }
    }
}
