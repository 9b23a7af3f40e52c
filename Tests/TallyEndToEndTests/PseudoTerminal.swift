import Foundation
import Glibc
import TallyTestSupport

/// A program on a pseudo-terminal that is not its controlling terminal: closing our end takes
/// the terminal away with no SIGHUP at all, as some dropped links do.
final class PseudoTerminal {
    /// glibc's POSIX_SPAWN_SETSID, which Swift does not import: a new session, so that the
    /// program has no controlling terminal to be hung up through.
    private static let setSessionFlag: Int32 = 0x80

    let pid: pid_t
    private var master: Int32
    private(set) var output = Data()

    init(_ arguments: [String], environment: [String: String], width: Int = 80, height: Int = 24) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw TmuxFailure(message: "openpty failed") }
        defer { close(slave) }
        self.master = master
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, Int32(target)) }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = ProcessRunner.cleanSignalAttributes(extraFlags: Self.setSessionFlag)
        defer { posix_spawnattr_destroy(&attributes) }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp) == 0 else {
            close(master)
            throw TmuxFailure(message: "cannot start \(arguments[0])")
        }
        self.pid = pid
    }

    deinit {
        if master >= 0 { close(master) }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, WNOHANG)
    }

    /// Reads until the output holds `text` or the deadline passes.
    func waitFor(text: String, timeout: Double) async -> Bool {
        let wanted = Data(text.utf8)
        let found: Bool? = await poll(timeout: timeout, every: 0.02) {
            // Everything the terminal has to read now; false (stop) once it is closed.
            while master >= 0, output.range(of: wanted) == nil {
                var descriptors = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
                guard Glibc.poll(&descriptors, 1, 0) > 0 else { return nil }
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                let count = read(master, &buffer, buffer.count)
                guard count > 0 else { return false }
                output.append(contentsOf: buffer[0..<count])
            }
            return output.range(of: wanted) != nil
        }
        return found == true
    }

    /// Types `text` at the terminal.
    func type(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Takes the terminal away.
    func hangUp() {
        close(master)
        master = -1
    }

    /// The exit status once the program has exited within `timeout` seconds.
    func waitForExit(timeout: Double) async -> Int32? {
        await poll(timeout: timeout, every: 0.02) {
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        }
    }
}
