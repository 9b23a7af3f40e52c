import Foundation
import Glibc
import Testing
import TallyTestSupport

/// `tally serve` in a child process on a socket in `folder`, with its state there too; killed
/// when dropped.
final class HubProcess {
    let folder: URL
    let socket: String
    private(set) var pid: pid_t = 0
    private let arguments: [String]

    init(folder: URL, site: String = "los-gatos", extraArguments: [String] = []) async throws {
        self.folder = folder
        socket = folder.appendingPathComponent("hub.sock").path
        let opens = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-600))
        let closes = ISO8601DateFormatter().string(from: Date().addingTimeInterval(7200))
        try """
            site: \(site)
            events:
              - {id: jpn-kor, title: Japan v Korea, venue: Tokyo Dome, tier: big-bet, start: "\(opens)", end: "\(closes)"}
            """.write(to: folder.appendingPathComponent("tally.yaml"), atomically: true, encoding: .utf8)
        arguments = [TallyBinary.path, "serve", "--config", folder.appendingPathComponent("tally.yaml").path, "--socket", socket] + extraArguments
        try await start()
    }

    deinit { stop(signal: SIGKILL) }

    /// The environment of the hub and its command-line clients: state and configuration in `folder`.
    static func environment(_ folder: URL) -> [String: String] {
        ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": folder.path, "XDG_CONFIG_HOME": folder.path + "/config"]) { $1 }
    }

    /// Starts the hub and waits until its socket takes a connection: the file alone may be the
    /// one a stopped hub left behind.
    func start() async throws {
        pid = try #require(ProcessRunner.spawn(arguments, output: folder.appendingPathComponent("hub.out").path, environment: Self.environment(folder)))
        let listening = await poll(timeout: 20, every: 0.02) { LineClient(socket: socket).map { _ in true } }
        try #require(listening == true, "the hub did not listen on \(socket)")
    }

    /// Stops the hub with `signal` and reaps it; its exit status, or nil when a signal ended it.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32? {
        guard pid > 0 else { return nil }
        kill(pid, signal)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        pid = 0
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }

    /// Sends `lines` through `tally ingest`; its status and what it printed.
    func ingest(_ lines: [String]) -> ProcessRunner.Result {
        let input = folder.appendingPathComponent("ingest-\(UUID().uuidString.prefix(6)).jsonl").path
        _ = FileManager.default.createFile(atPath: input, contents: Data(lines.joined(separator: "\n").utf8 + [10]))  // a missing file fails the ingest below
        return ProcessRunner.run(["/bin/sh", "-c", "\(TallyBinary.path) ingest --socket \(socket) < \(input)"], environment: Self.environment(folder))
    }

    /// An ingest line raising a critical alert.
    static func raise(_ key: String, summary: String) -> String {
        #"{"type":"alert.raised","data":{"dedup_key":"\#(key)","severity":"critical","summary":"\#(summary)","source":"encoder"}}"#
    }
}
