import Synchronization
import TallyCore

/// Wakes one waiting task: rung from any thread (a NOTIFY, an envelope to append), waited on
/// with a time limit. A ring with nobody waiting is kept for the next wait.
final class Doorbell: Sendable {
    private let state = Mutex<(rung: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at the next ring, or after `seconds`.
    func wait(upTo seconds: Double) async {
        let timer = Task { [self] in
            // Cancelled (the wait ended on a ring), it must not ring: that would end the next wait at once.
            guard (try? await Task.sleep(for: .milliseconds(Int64(saturating: seconds * 1000)))) != nil else { return }
            ring()
        }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let rung = state.withLock { state -> Bool in
                if state.rung {
                    state.rung = false
                    return true
                }
                state.waiter = waiter
                return false
            }
            if rung { waiter.resume() }
        }
        timer.cancel()
    }
}
