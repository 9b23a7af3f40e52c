import Synchronization

/// Work with the room's database given a deadline that holds even when the driver never
/// answers: the work runs on a task of its own, and past the deadline the caller goes on with a
/// failure while the work is cancelled and left to end when it can. A query sent on a
/// connection as the server goes away can otherwise wait for ever (seen with postgres-nio under
/// load with a fast shutdown, closing the connection does not release it), and the site would
/// never learn it is cut off.
enum Deadline {
    /// The result of `work`, or `RoomFailure` when it takes longer than `seconds`; `expired` is
    /// called then (to close the connection the work was on).
    static func answer<T: Sendable>(within seconds: Double, expired: @escaping @Sendable () -> Void,
                                    _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.wait(continuation)
                let worker = Task {
                    do { outcome.finish(.success(try await work())) } catch { outcome.finish(.failure(error)) }
                }
                let timer = Task {
                    try? await Task.sleep(for: .milliseconds(Int64(saturating: seconds * 1000)))
                    guard !Task.isCancelled, outcome.finish(.failure(RoomFailure("the room's database did not answer within \(Int(seconds)) s"))) else { return }
                    worker.cancel()
                    expired()
                }
                outcome.whenFinished { timer.cancel(); worker.cancel() }
            }
        } onCancel: {
            outcome.finish(.failure(CancellationError()))
        }
    }

    /// One result, handed to the waiting continuation once, whichever comes first.
    private final class Outcome<T: Sendable>: Sendable {
        private let state = Mutex<(continuation: CheckedContinuation<T, any Error>?, result: Result<T, any Error>?, finished: (@Sendable () -> Void)?)>((nil, nil, nil))

        func wait(_ continuation: CheckedContinuation<T, any Error>) {
            let early = state.withLock { state -> Result<T, any Error>? in
                guard let result = state.result else {
                    state.continuation = continuation
                    return nil
                }
                return result
            }
            if let early { continuation.resume(with: early) }
        }

        /// Runs `action` once a result is in (at once when it is already).
        func whenFinished(_ action: @escaping @Sendable () -> Void) {
            let now = state.withLock { state -> Bool in
                guard state.result == nil else { return true }
                state.finished = action
                return false
            }
            if now { action() }
        }

        /// Whether `result` was the first.
        @discardableResult
        func finish(_ result: Result<T, any Error>) -> Bool {
            let taken = state.withLock { state -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?)? in
                guard state.result == nil else { return nil }
                state.result = result
                defer { state.continuation = nil; state.finished = nil }
                return (state.continuation, state.finished)
            }
            guard let taken else { return false }
            taken.0?.resume(with: result)
            taken.1?()
            return true
        }
    }
}
