/// Where the room's shared PostgreSQL is, from a URL as libpq takes it:
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=FILE&host=/SOCKET/FOLDER]`
/// (`postgres://` too). Checked where it enters: a bad URL is refused with the reason, and the
/// password never shows: `description` leaves it out.
public struct RoomAddress: Sendable, Equatable, CustomStringConvertible {
    /// libpq's `sslmode`: how the link to the database is protected.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    /// A host name or address; nil when `socketFolder` is given instead.
    public var host: String?
    /// The folder of the server's Unix socket (libpq's `host=/path`).
    public var socketFolder: String?
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// The CA that signs the server's certificate (`sslrootcert`); the system's trust store when nil.
    public var rootCertificatePath: String?

    /// The longest URL taken.
    public static let maximumLength = 2048

    /// Parses `url`; throws the reason it cannot be used.
    public init(url: String) throws(RoomAddressProblem) {
        guard url.utf8.count <= Self.maximumLength else { throw RoomAddressProblem("longer than \(Self.maximumLength) bytes") }
        guard let schemeEnd = url.range(of: "://"), ["postgresql", "postgres"].contains(String(url[..<schemeEnd.lowerBound])) else {
            throw RoomAddressProblem("not a postgresql:// URL")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw RoomAddressProblem("no database: add /DATABASE after the host") }
        database = try Self.decoded(rest[rest.index(after: slash)...], "the database")
        guard !database.isEmpty else { throw RoomAddressProblem("no database: add /DATABASE after the host") }
        let authority = rest[..<slash]
        guard let at = authority.lastIndex(of: "@") else { throw RoomAddressProblem("no user: write USER@ before the host") }
        let userInfo = authority[..<at]
        if let colon = userInfo.firstIndex(of: ":") {
            user = try Self.decoded(userInfo[..<colon], "the user")
            password = try Self.decoded(userInfo[userInfo.index(after: colon)...], "the password")
        } else {
            user = try Self.decoded(userInfo, "the user")
            password = nil
        }
        guard !user.isEmpty else { throw RoomAddressProblem("no user: write USER@ before the host") }
        (host, port) = try Self.hostAndPort(authority[authority.index(after: at)...])
        tls = .prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]), value = try Self.decoded(parts.count > 1 ? parts[1] : "", key)
            switch key {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw RoomAddressProblem("sslmode: \(value) is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "sslrootcert": rootCertificatePath = value
            case "host":
                guard value.hasPrefix("/") else { throw RoomAddressProblem("host: a socket folder starts with /, not \(value)") }
                socketFolder = value
            default: throw RoomAddressProblem("\(key): not a parameter Tally takes (sslmode, sslrootcert, host)")
            }
        }
        if socketFolder != nil { host = nil }
        guard host != nil || socketFolder != nil else { throw RoomAddressProblem("no host: write HOST after the @, or ?host=/SOCKET/FOLDER") }
    }

    /// The URL without its password, for logs and the screen.
    public var description: String {
        let place = socketFolder.map { "?host=\($0)" } ?? ""
        let server = host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""
        return "postgresql://\(user)@\(server):\(port)/\(database)\(place)\(place.isEmpty ? "?" : "&")sslmode=\(tls.rawValue)"
    }

    private static func hostAndPort(_ text: Substring) throws(RoomAddressProblem) -> (String?, Int) {
        var host = text, portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw RoomAddressProblem("an IPv6 host is not closed with ]") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { throw RoomAddressProblem("after the IPv6 host: \(after)") }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        var port = 5432
        if let portText {
            guard portText.count <= 5, let number = Int(portText), (1...65_535).contains(number) else {
                throw RoomAddressProblem("port: \(portText) is not from 1 to 65535")
            }
            port = number
        }
        let name = try decoded(host, "the host")
        return (name.isEmpty ? nil : name, port)
    }

    /// `text` with its %XX escapes decoded; refused when an escape is broken or the bytes are not UTF-8.
    private static func decoded(_ text: Substring, _ what: String) throws(RoomAddressProblem) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high < utf8.endIndex, utf8.index(after: high) < utf8.endIndex,
                      let value = UInt8(String(decoding: [utf8[high], utf8[utf8.index(after: high)]], as: UTF8.self), radix: 16) else {
                    throw RoomAddressProblem("\(what): a % is not followed by two hex digits")
                }
                bytes.append(value)
                index = utf8.index(high, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self), !decoded.contains("\0") else {
            throw RoomAddressProblem("\(what): not UTF-8 text")
        }
        return decoded
    }
}

/// Why a room URL cannot be used.
public struct RoomAddressProblem: Error, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
