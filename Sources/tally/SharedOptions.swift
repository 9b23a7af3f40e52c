import ArgumentParser
import TallyConfig
import TallyCore
import TallyLive

/// `--shared URL [--shared-password-file FILE]`: the room several sites share through PostgreSQL,
/// checked where it enters.
struct SharedOptions: ParsableArguments {
    @Option(help: "The room shared through PostgreSQL: postgresql://USER@HOST:PORT/DATABASE[?sslmode=verify-full] (for serve, in place of tally.yaml's shared:).")
    var shared: String?

    @Option(help: "The password file for --shared, in libpq's format (default: $PGPASSFILE, then ~/.pgpass).", completion: .file())
    var sharedPasswordFile: String?

    func validate() throws {
        if let shared {
            do { _ = try RoomAddress(url: shared) } catch { throw ValidationError("--shared: \(error)") }
        }
        if sharedPasswordFile != nil, shared == nil { throw ValidationError("--shared-password-file goes with --shared") }
    }

    /// The room named, or nil.
    func room() throws -> SharedRoom? {
        try shared.map { SharedRoom(address: try RoomAddress(url: $0), passwordFile: sharedPasswordFile) }
    }

    /// The room's address with its password found, for a command that needs the room.
    func resolvedRoom() throws -> RoomAddress {
        guard let room = try room() else { throw ValidationError("--shared URL names the room to read") }
        do { return try room.resolved() } catch { throw CommandError("\(error)") }
    }
}

/// A moment given on the command line: an RFC 3339 time, or a span back from now (90s, 30m, 2h, 1d).
enum MomentText {
    /// An RFC 3339 time, or a span back from `now`.
    static func instant(_ text: String, option: String, now: Instant = WallClock.now()) throws -> Instant {
        if let instant = Instant(rfc3339: text) { return instant }
        do {
            return now.adding(seconds: -(try DurationText.seconds(text)))
        } catch {
            throw ValidationError("\(option): \(error.description); give an RFC 3339 time or a span such as 90s, 30m, 2h or 1d")
        }
    }
}
