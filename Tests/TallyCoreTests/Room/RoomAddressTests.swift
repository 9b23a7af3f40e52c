import Testing
import TallyCore

/// The room's PostgreSQL URL, checked where it enters: what libpq takes, refused with a
/// reason otherwise, and the password never shown.
struct RoomAddressTests {
    @Test func aFullURLGivesEveryPart() throws {
        let address = try RoomAddress(url: "postgresql://tally:s%3Acret@db.boc.example:6432/room?sslmode=verify-full&sslrootcert=/etc/tally/db-ca.pem")
        #expect(address.user == "tally")
        #expect(address.password == "s:cret")
        #expect(address.host == "db.boc.example")
        #expect(address.port == 6432)
        #expect(address.database == "room")
        #expect(address.tls == .verifyFull)
        #expect(address.rootCertificatePath == "/etc/tally/db-ca.pem")
        #expect(address.description == "postgresql://tally@db.boc.example:6432/room?sslmode=verify-full")
        #expect(!address.description.contains("cret"))
    }

    @Test func defaultsAndOtherForms() throws {
        let plain = try RoomAddress(url: "postgres://tally@10.0.0.5/room")
        #expect(plain.port == 5432)
        #expect(plain.password == nil)
        #expect(plain.tls == .prefer)
        let ipv6 = try RoomAddress(url: "postgresql://tally@[::1]:5433/room?sslmode=disable")
        #expect(ipv6.host == "::1")
        #expect(ipv6.port == 5433)
        #expect(ipv6.description == "postgresql://tally@[::1]:5433/room?sslmode=disable")
        let socket = try RoomAddress(url: "postgresql://tally@/room?host=/run/postgresql")
        #expect(socket.host == nil)
        #expect(socket.socketFolder == "/run/postgresql")
        #expect(socket.description == "postgresql://tally@:5432/room?host=/run/postgresql&sslmode=prefer")
    }

    @Test(arguments: [
        ("mysql://tally@db/room", "not a postgresql:// URL"),
        ("postgresql://tally@db", "no database: add /DATABASE after the host"),
        ("postgresql://tally@db/", "no database: add /DATABASE after the host"),
        ("postgresql://db/room", "no user: write USER@ before the host"),
        ("postgresql://:pw@db/room", "no user: write USER@ before the host"),
        ("postgresql://tally@/room", "no host: write HOST after the @, or ?host=/SOCKET/FOLDER"),
        ("postgresql://tally@db:0/room", "port: 0 is not from 1 to 65535"),
        ("postgresql://tally@db:99999999999999999999/room", "port: 99999999999999999999 is not from 1 to 65535"),
        ("postgresql://tally@db:54x/room", "port: 54x is not from 1 to 65535"),
        ("postgresql://tally@[::1/room", "an IPv6 host is not closed with ]"),
        ("postgresql://tally@db/room?sslmode=maybe", "sslmode: maybe is not one of disable, allow, prefer, require, verify-ca, verify-full"),
        ("postgresql://tally@db/room?application_name=x", "application_name: not a parameter Tally takes (sslmode, sslrootcert, host)"),
        ("postgresql://tally@db/room?host=relative", "host: a socket folder starts with /, not relative"),
        ("postgresql://ta%2@db/room", "the user: a % is not followed by two hex digits"),
        ("postgresql://tally:%FF@db/room", "the password: not UTF-8 text"),
        ("postgresql://tally@db/ro%00om", "the database: not UTF-8 text"),
    ])
    func aBadURLIsRefusedWithItsReason(url: String, reason: String) {
        #expect(throws: RoomAddressProblem(reason)) { try RoomAddress(url: url) }
    }

    @Test func aHugeURLIsRefusedBeforeItIsRead() {
        let huge = "postgresql://tally@db/" + String(repeating: "r", count: 5000)
        #expect(throws: RoomAddressProblem("longer than 2048 bytes")) { try RoomAddress(url: huge) }
    }
}
