import Synchronization

/// Measures how long this process could not run while a timed test waited: a task that asks to
/// wake every 50 ms and adds up how late it woke. A test that bounds a wall-clock latency (a feed
/// called down within 4 target durations) allows its bound plus what the meter counted, so a CI
/// machine that stalls for seconds, or a cooperative pool blocked by other tests, does not fail a
/// promise the code kept; on a machine that ran freely the bound is exactly the promise.
public final class StallMeter: Sendable {
    /// The seconds counted, shared with the ticking task (which must not keep the meter alive).
    private final class Count: Sendable {
        let seconds = Mutex<Double>(0)
    }
    private let stolen = Count()
    private let ticking = Mutex<Task<Void, Never>?>(nil)
    /// Lateness below this is scheduling jitter, not a stall.
    private static let jitterSeconds = 0.02

    public init() {
        let task = Task.detached { [stolen] in
            let tick = Duration.milliseconds(50)
            while !Task.isCancelled {
                let asked = ContinuousClock.now
                try? await Task.sleep(for: tick)
                let late = (ContinuousClock.now - asked - tick) / .seconds(1)
                if late > Self.jitterSeconds { stolen.seconds.withLock { $0 += late } }
            }
        }
        ticking.withLock { $0 = task }
    }

    deinit { ticking.withLock { $0?.cancel() } }

    /// Seconds the process was held up since the meter started.
    public var stalledSeconds: Double { stolen.seconds.withLock { $0 } }
}
