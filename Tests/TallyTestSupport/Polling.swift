/// Tries `check` until it gives a value or `timeout` seconds pass, sleeping `interval` between
/// tries without holding a thread: the run's threads are shared by every test in it, and a test
/// that blocked one while it waited would starve the asynchronous tests of their time.
public func poll<T>(timeout: Double, every interval: Double, _ check: () throws -> T?) async rethrows -> T? {
    let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
    while true {
        if let value = try check() { return value }
        guard ContinuousClock.now < deadline else { return nil }
        try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
    }
}
