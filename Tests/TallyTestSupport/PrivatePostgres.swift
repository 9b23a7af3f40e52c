import Foundation

/// A PostgreSQL server of one test's own, for a test that stops the database under the hubs
/// (the shared one serves the other tests meanwhile): started, paused and resumed on the same
/// port with `.ci/postgres`, and removed when dropped.
public final class PrivatePostgres {
    /// The URL of its `postgres` database.
    public let url: String
    private let folder: String

    /// Whether one can be started here.
    public static var isAvailable: Bool { TestPostgres.canStart }

    public init() throws {
        folder = NSTemporaryDirectory() + "tally-private-postgres-\(UUID().uuidString.prefix(8))"
        let said = try TestPostgres.run(["bash", TestPostgres.script, "start", folder])
        guard let url = said.split(separator: "\n").last.map(String.init) else { throw TestPostgres.Failure(description: "no URL from .ci/postgres: \(said)") }
        self.url = url
    }

    deinit { _ = try? TestPostgres.run(["bash", TestPostgres.script, "stop", folder]) }

    /// Stops the server, keeping its data: every connection to it drops.
    public func pause() throws { try TestPostgres.run(["bash", TestPostgres.script, "pause", folder]) }

    /// Starts it again where it was.
    public func resume() throws { try TestPostgres.run(["bash", TestPostgres.script, "resume", folder]) }

    /// Runs `sql` with psql, returning its rows unaligned, one per line.
    public func query(_ sql: String) throws -> String {
        try TestPostgres.run(["psql", url, "--quiet", "--no-psqlrc", "--tuples-only", "--no-align", "--command", sql])
    }
}
