import Foundation
import Testing
import TallyConfig
import TallyCore

/// The PostgreSQL password file, read as libpq reads `~/.pgpass`.
struct PasswordFileTests {
    static let text = """
        # the room's database
        db.boc.example:5432:room:tally:first\\:secret
        *:*:room:tally:any-host
        localhost:5432:*:tally:socket\\\\pw

        """

    @Test func theFirstMatchingLineGivesThePassword() throws {
        let file = try PasswordFile.parse(Self.text, file: "pgpass")
        #expect(file.entries.count == 3)
        #expect(file.password(for: try RoomAddress(url: "postgresql://tally@db.boc.example/room")) == "first:secret")
        #expect(file.password(for: try RoomAddress(url: "postgresql://tally@10.1.1.1:6000/room")) == "any-host")
        #expect(file.password(for: try RoomAddress(url: "postgresql://tally@/other?host=/run/postgresql")) == "socket\\pw")
        #expect(file.password(for: try RoomAddress(url: "postgresql://someone@db.boc.example/room")) == nil)
    }

    @Test func aLineWithoutItsFiveFieldsIsRefusedByNumber() {
        #expect(throws: ConfigProblem(file: "pgpass", line: 3, message: "not host:port:database:user:password (3 fields)")) {
            try PasswordFile.parse("# ok\n*:*:*:tally:pw\ndb:5432:room\n", file: "pgpass")
        }
    }

    @Test func aFileOthersMayReadIsRefusedAsLibpqRefusesIt() throws {
        let path = NSTemporaryDirectory() + "tally-pgpass-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        #expect(throws: ConfigProblem(file: path, line: 1, message: "its group or others may read it (mode 644): chmod 0600 it")) {
            try PasswordFile.load(path: path)
        }
        chmod(path, 0o600)
        #expect(try PasswordFile.load(path: path).entries.count == 3)
    }
}
