import Foundation
import Glibc

/// A PostgreSQL server for the tests: the one `.ci/run` started (its URL in
/// `TALLY_TEST_POSTGRES`), or else one this process starts with `.ci/postgres` and stops when it
/// exits; nil when neither can be had, and the tests that need one skip, saying why.
public enum TestPostgres {
    /// The URL of the server's `postgres` database, or nil.
    public static let url: String? = {
        if let given = ProcessInfo.processInfo.environment["TALLY_TEST_POSTGRES"], !given.isEmpty { return given }
        return startOwn()
    }()

    /// Whether a server is at hand.
    public static var isAvailable: Bool { url != nil }

    /// A new, empty database for one test; its URL.
    public static func freshDatabase() throws -> String {
        guard let url else { throw Failure(description: "no PostgreSQL server") }
        let name = "tally_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try run(["psql", url, "--quiet", "--no-psqlrc", "--command", "CREATE DATABASE \(name)"])
        return Self.url(url, database: name)
    }

    /// `url` naming `database` instead of its own.
    public static func url(_ url: String, database: String) -> String {
        let query = url.firstIndex(of: "?").map { String(url[$0...]) } ?? ""
        let base = url.firstIndex(of: "?").map { String(url[..<$0]) } ?? url
        return base[..<(base.lastIndex(of: "/") ?? base.endIndex)] + "/" + database + query
    }

    /// Runs a command found on the PATH, throwing what it said when it fails. The pipe reaches the
    /// command as its output only, so that a server it starts (pg_ctl) never holds it open.
    @discardableResult
    public static func run(_ arguments: [String]) throws -> String {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Failure(description: "no pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        // Only as 1 and 2: a server the command starts must not keep the pipe open under another number.
        posix_spawn_file_actions_addclose(&actions, ends[1])
        posix_spawn_file_actions_addclose(&actions, ends[0])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        close(ends[1])
        defer { close(ends[0]) }
        guard spawned == 0 else { throw Failure(description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var said: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(ends[0], &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            said += buffer[..<count]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = String(decoding: said, as: UTF8.self)
        guard status == 0 else { throw Failure(description: "\(arguments.joined(separator: " ")) failed: \(text)") }
        return text
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Whether this machine can start a throwaway server (PostgreSQL's programs and the script are there).
    static var canStart: Bool {
        FileManager.default.isExecutableFile(atPath: script)
            && (try? run(["sh", "-c", "command -v pg_config && test -x \"$(pg_config --bindir)/initdb\""])) != nil
    }

    /// The folder of the server this process started, stopped at exit.
    nonisolated(unsafe) private static var ownFolder: String?

    /// The script that starts and stops a throwaway server.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.ci/postgres").standardized.path

    private static func startOwn() -> String? {
        guard canStart else { return nil }
        let folder = NSTemporaryDirectory() + "tally-test-postgres-\(getpid())"
        guard let said = try? run(["bash", script, "start", folder]) else {
            print("PostgreSQL could not be started in \(folder): its tests skip")
            return nil
        }
        ownFolder = folder
        atexit {
            if let folder = TestPostgres.ownFolder { _ = try? TestPostgres.run(["bash", TestPostgres.script, "stop", folder]) }
        }
        return said.split(separator: "\n").last.map(String.init)
    }
}
