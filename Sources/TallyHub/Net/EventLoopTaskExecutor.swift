import NIOCore

/// Runs Swift tasks on a NIO event loop: async work a connection needs in the middle of its
/// handshake (the check of the hub's certificate) then never waits for the shared cooperative
/// threads, which a busy process (or a test runner) may have tied up.
final class EventLoopTaskExecutor: TaskExecutor, Sendable {
    private let loop: EventLoop

    init(loop: EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
}
