import Dispatch
import Glibc
import Synchronization

/// Turns SIGINT, SIGTERM, SIGHUP, SIGWINCH and SIGUSR1 (read the schedule again) into flags the loop reads after `waking`
/// wakes it. Must be started before curses, so that curses leaves these signals alone.
///
/// `@unchecked Sendable`: the sources are fixed at init and dispatch sources are thread-safe;
/// the pending set is behind a mutex.
public final class SignalWatcher: @unchecked Sendable {
    public static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGUSR1]

    private final class Pending: Sendable {
        let signals = Mutex<Set<Int32>>([])
    }

    private let pending = Pending()
    private let sources: [any DispatchSourceSignal]

    public init(waking: @escaping @Sendable () -> Void) {
        let pending = pending
        sources = Self.watched.map { signal in
            Glibc.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                pending.signals.withLock { _ = $0.insert(signal) }
                waking()
            }
            source.resume()
            return source
        }
    }

    /// The signals received since the last call.
    public func take() -> Set<Int32> {
        pending.signals.withLock { signals in
            defer { signals = [] }
            return signals
        }
    }

    /// Stops watching and restores the default dispositions.
    public func stop() {
        for source in sources { source.cancel() }
        for signal in Self.watched { Glibc.signal(signal, SIG_DFL) }
    }
}
