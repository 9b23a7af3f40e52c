import Foundation

/// Where a hub listens or a client connects: a Unix domain socket, or TCP `HOST:PORT`.
public enum HubAddress: Sendable, Equatable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: UInt16)

    /// The default socket: `$XDG_RUNTIME_DIR/tally/hub.sock`, or `/tmp/tally-UID/hub.sock`
    /// where the session has no runtime folder.
    public static func defaultSocket(environment: [String: String]) -> HubAddress {
        let base = environment["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : $0 + "/tally" } ?? "/tmp/tally-\(getuid())"
        return .unix(path: base + "/hub.sock")
    }

    /// Reads `HOST:PORT` (`127.0.0.1:7390`, `[::1]:7390`, `localhost:7390`); nil when it is not one.
    public init?(hostAndPort text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]), port > 0 else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(" ") else { return nil }
        self = .tcp(host: host, port: port)
    }

    public var description: String {
        switch self {
        case .unix(let path): path
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    /// Whether `host` is an IPv4 or IPv6 address rather than a name.
    static func isIPLiteral(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { UInt8($0) != nil }
    }

    /// Whether a TCP address is on this machine only (a loopback address or `localhost`).
    public var isLoopback: Bool {
        switch self {
        case .unix: true
        case .tcp(let host, _): host == "localhost" || host == "::1" || host.hasPrefix("127.")
        }
    }
}
