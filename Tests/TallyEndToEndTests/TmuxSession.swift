import Foundation
import Testing
import TallyTestSupport

/// A private tmux server with one window running a command, driven as a person would: keys
/// in, screen text out. Each session has its own socket and is killed when done.
final class TmuxSession {
    static var isAvailable: Bool { ProcessRunner.isInstalled("tmux") }

    let directory: URL
    private var socket: String { directory.appendingPathComponent("tmux.sock").path }
    private var statusFile: String { directory.appendingPathComponent("exit-status").path }

    /// Starts `command(directory)` in a new window through a shell that writes its exit status
    /// to a file and then keeps the pane open. tmux itself can miss the exit of a large program
    /// (its utempter helper resets SIGCHLD while the pane closes) and can drop the last output of
    /// a pane that dies at once, so the status file and the living pane are the reliable record.
    init(width: Int = 120, height: Int = 40, command: (URL) -> String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tally-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let wrapped = "\(command(directory)); echo $? > \(statusFile); exec sleep 86400"
        let started = tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", wrapped])
        guard started.status == 0 else { throw TmuxFailure(message: "tmux new-session failed: \(started.output)") }
    }

    deinit {
        _ = tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    func tmux(_ arguments: [String]) -> ProcessRunner.Result {
        ProcessRunner.run(["tmux", "-S", socket, "-f", "/dev/null"] + arguments)
    }

    func screen() -> String { tmux(["capture-pane", "-p"]).output }

    func sendKeys(_ keys: String...) { tmux(["send-keys"] + keys) }

    /// Sends the key `key` to every session at the same moment, as people pressing at once
    /// would: a tmux client for each, started together.
    static func press(_ key: String, together sessions: [TmuxSession]) {
        let clients = sessions.map { "tmux -S '\($0.socket)' -f /dev/null send-keys \(key) &" }.joined(separator: " ")
        ProcessRunner.run(["/bin/sh", "-c", clients + " wait"])
    }

    func resize(width: Int, height: Int) { tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"]) }

    func format(_ format: String) -> String {
        tmux(["display-message", "-p", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The command's exit status once it has exited.
    var exitStatus: Int32? {
        (try? String(contentsOfFile: statusFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    var isAlternateScreenOn: Bool { format("#{alternate_on}") == "1" }

    /// The process the pane's shell started: the program under test.
    var programPID: Int32? {
        guard let shell = Int32(format("#{pane_pid}")),
              let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8) else { return nil }
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// Polls until `condition` holds for the screen or the deadline passes; records the last
    /// screen as the failure when it does not.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) async -> Bool {
        var last = ""
        let shown: Bool? = await poll(timeout: timeout, every: 0.1) {
            last = screen()
            return condition(last) ? true : nil
        }
        if shown != nil { return true }
        Issue.record("timed out after \(timeout) s waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        return false
    }

    /// Polls until the screen shows `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) async -> Bool {
        await waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Polls until the command in the pane has exited.
    @discardableResult
    func waitForExit(timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) async -> Int32? {
        if let status = await poll(timeout: timeout, every: 0.05, { exitStatus }) { return status }
        Issue.record("the program did not exit within \(timeout) s; the screen was:\n\(screen())", sourceLocation: sourceLocation)
        return nil
    }
}

struct TmuxFailure: Error {
    var message: String
}

/// The `tally` binary that `swift test` built beside the test bundle.
enum TallyBinary {
    static var path: String { path(of: "tally") }

    /// A product of this package (`tally`, `tally-bench`) built beside the test bundle.
    static func path(of product: String) -> String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(product).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/\(product)").path
    }

    /// A shell command running tally with private state and configuration folders and a known
    /// operator.
    static func command(_ arguments: String, term: String = "tmux-256color", state: URL) -> String {
        "env LANG=C.UTF-8 TERM=\(term) TALLY_OPERATOR=ops XDG_STATE_HOME=\(state.path) XDG_CONFIG_HOME=\(state.path)/config \(path) \(arguments)"
    }
}
