import Foundation
import Glibc
import TallyCore

/// Runs a program (never a shell) with the alert as JSON on its standard input; exit status
/// 0 is delivered. A program still running at the timeout is killed.
struct CommandDelivery: Delivery {
    let arguments: [String]

    func deliver(_ notification: AlertNotification, onCall: [String], timeoutSeconds: Double) async -> DeliveryResult {
        guard let body = try? NotificationJSON.body(for: notification, onCall: onCall) else {
            return DeliveryResult(delivered: false, detail: "cannot encode the alert")
        }
        let arguments = self.arguments
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Self.run(arguments, input: body, timeoutSeconds: timeoutSeconds))
            }
        }
    }

    /// Spawns the program, writes `input` to it, and waits for it to exit or the timeout.
    private static func run(_ arguments: [String], input: Data, timeoutSeconds: Double) -> DeliveryResult {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return DeliveryResult(delivered: false, detail: "cannot make a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(pipeEnds[0])
        guard spawned == 0 else {
            close(pipeEnds[1])
            return DeliveryResult(delivered: false, detail: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        // A program that does not read its input must not block us: write without waiting.
        _ = fcntl(pipeEnds[1], F_SETFL, fcntl(pipeEnds[1], F_GETFL) | O_NONBLOCK)
        signal(SIGPIPE, SIG_IGN)
        input.withUnsafeBytes { bytes in _ = write(pipeEnds[1], bytes.baseAddress, bytes.count) }
        close(pipeEnds[1])
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return DeliveryResult(delivered: false, detail: "still running after \(Figures.decimal(timeoutSeconds, places: 1)) s; killed")
            }
            usleep(10_000)
        }
        if status & 0x7F != 0 { return DeliveryResult(delivered: false, detail: "killed by signal \(status & 0x7F)") }
        let code = (status >> 8) & 0xFF
        return DeliveryResult(delivered: code == 0, detail: "exit \(code)")
    }
}
