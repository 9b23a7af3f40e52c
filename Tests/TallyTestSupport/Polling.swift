/// Tries `check` until it gives a value or `timeout` seconds pass, sleeping `interval` between
/// tries without holding a thread: the run's threads are shared by every test in it, and a test
/// that blocked one while it waited would starve the asynchronous tests of their time.
///
/// Time the run took the threads away from this poll (a sleep that overran by more than a
/// second, while another test held every thread) does not count against `timeout`, up to five
/// minutes of it: what the poll waits for was starved as the poll was, and deserves the time it
/// would have had.
public func poll<T>(timeout: Double, every interval: Double, _ check: () throws -> T?) async rethrows -> T? {
    let pause = Duration.milliseconds(Int(interval * 1000))
    var deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
    var forgiven = Duration.zero
    while true {
        if let value = try check() { return value }
        guard ContinuousClock.now < deadline else { return nil }
        let asleep = ContinuousClock.now
        try? await Task.sleep(for: pause)
        let starved = ContinuousClock.now - asleep - pause - .seconds(1)
        if starved > .zero, forgiven < .seconds(300) {
            forgiven += starved
            deadline += starved
        }
    }
}
