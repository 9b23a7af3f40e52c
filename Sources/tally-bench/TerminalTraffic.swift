import Foundation
import Glibc

/// Runs a full-screen program in a pseudo-terminal, as an SSH session would carry it, and
/// measures what an operator pays for it: the time to its first screen, bytes sent to the
/// terminal, CPU and memory. The demo console (`tally demo`'s code) by default; htop and btop
/// beside it for `tally-bench peers`.
struct TerminalTraffic {
    /// The program and its arguments (an absolute path first).
    var command: [String]
    /// Text that shows the first screen has been drawn.
    var marker: String
    var width: Int
    var height: Int
    var seconds: Double
    /// The program's name, for messages.
    var name = "tally"

    /// The demo console, started as `tally-bench console` at `speed` (nil: paused, idle).
    init(binary: String, width: Int, height: Int, speed: Int?, seconds: Double) {
        self.init(command: [binary, "console"] + (speed.map { ["--speed", "\($0)"] } ?? ["--paused"]), marker: "Alerts",
                  width: width, height: height, seconds: seconds)
    }

    init(command: [String], marker: String, width: Int, height: Int, seconds: Double, name: String = "tally") {
        self.command = command
        self.marker = marker
        self.width = width
        self.height = height
        self.seconds = seconds
        self.name = name
    }

    struct Result {
        var startupSeconds: Double
        var firstScreenBytes: Int
        var bytesPerSecond: Double
        var cpuPercent: Double
        var peakResidentMB: Double

        var line: String {
            String(format: "first screen %6d B in %.1f s · %8.0f B/s · CPU %5.2f %% · peak RSS %5.1f MB",
                   firstScreenBytes, startupSeconds, bytesPerSecond, cpuPercent, peakResidentMB)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func run() throws -> Result {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-state-\(getpid())")
        defer { try? FileManager.default.removeItem(at: state) }
        let environment = ["TERM=xterm-256color", "LANG=C.UTF-8", "TALLY_OPERATOR=bench", "XDG_STATE_HOME=\(state.path)",
                           "XDG_CONFIG_HOME=\(state.path)", "HOME=\(state.path)", "TZ=UTC"]
        let argv = command.map { strdup($0) } + [nil], envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var master: Int32 = -1
        var windowSize = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        let pid = forkpty(&master, nil, nil, &windowSize)
        if pid == 0 {
            execve(argv[0]!, argv, envp)
            _exit(127)
        }
        guard pid > 0 else { throw Failure(description: "forkpty failed: \(String(cString: strerror(errno)))") }
        defer { close(master) }

        let started = now()
        var seen = Data()
        var sawScreen = false
        while !sawScreen {
            guard now() - started < 60 else { kill(pid, SIGKILL); throw Failure(description: "no screen within 60 s") }
            seen.append(read(master, waitingUpTo: 0.2))
            sawScreen = seen.range(of: Data(marker.utf8)) != nil
        }
        let settleUntil = now() + 1
        while now() < settleUntil { seen.append(read(master, waitingUpTo: settleUntil - now())) }
        let startup = settleUntil - 1 - started

        let cpuBefore = ProcessStats.cpuTicks(pid), windowStart = now()
        var bytes = 0
        while now() - windowStart < seconds { bytes += read(master, waitingUpTo: seconds - (now() - windowStart)).count }
        let elapsed = now() - windowStart
        let cpu = Double(ProcessStats.cpuTicks(pid) - cpuBefore) / Double(sysconf(Int32(_SC_CLK_TCK))) / elapsed * 100
        let peak = ProcessStats.peakResidentKB(pid)

        _ = write(master, "q", 1)
        let deadline = now() + 5
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard now() < deadline else { kill(pid, SIGKILL); throw Failure(description: "\(name) did not quit on q") }
            _ = read(master, waitingUpTo: 0.05)
        }
        return Result(startupSeconds: startup, firstScreenBytes: seen.count, bytesPerSecond: Double(bytes) / elapsed,
                      cpuPercent: cpu, peakResidentMB: Double(peak) / 1024)
    }

    private func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// What the terminal received within `seconds`.
    private func read(_ descriptor: Int32, waitingUpTo seconds: Double) -> Data {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        guard poll(&descriptors, 1, Int32(max(0, seconds * 1000))) > 0 else { return Data() }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = Glibc.read(descriptor, &buffer, buffer.count)
        return count > 0 ? Data(buffer[0..<count]) : Data()
    }
}
