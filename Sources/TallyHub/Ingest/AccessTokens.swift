import Crypto
import TallyCore

/// The tokens a hub takes on TCP and HTTP, each named, with its role. A presented token is
/// hashed with SHA-256 and compared with every stored digest in constant time: how long the
/// comparison takes says nothing about which token, or how much of a guess, was right.
public struct AccessTokens: Sendable {
    /// The token a connection presented, found.
    public struct Match: Sendable, Equatable {
        public var name: String
        public var role: AccessRole
    }

    private struct Entry: Sendable {
        var match: Match
        var digest: [UInt8]
    }

    private let entries: [Entry]

    /// No tokens: nothing on TCP or HTTP is let in.
    public static let none = AccessTokens(entries: [])

    /// The tokens of a tokens file.
    public init(_ grants: [AccessGrant]) {
        entries = grants.map { grant in
            let digest: [UInt8] = switch grant.secret {
            case .plain(let text): Self.digest(text)
            case .sha256(let bytes): bytes
            }
            return Entry(match: Match(name: grant.name, role: grant.role), digest: digest)
        }
    }

    /// The single token of `--token-file`: an operator's, named `token-file`; nil when shorter than 16 bytes.
    public init?(single text: String) {
        guard text.utf8.count >= 16 else { return nil }
        self.init([AccessGrant(name: "token-file", role: .operator, secret: .plain(text))])
    }

    private init(entries: [Entry]) {
        self.entries = entries
    }

    /// These tokens and `other`'s.
    public func adding(_ other: AccessTokens) -> AccessTokens {
        AccessTokens(entries: entries + other.entries)
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The token `presented` is, or nil; every stored digest is compared, whichever matches.
    public func match(_ presented: String) -> Match? {
        let digest = Self.digest(presented)
        var found: Match?
        for entry in entries {
            var difference: UInt8 = 0
            for (stored, given) in zip(entry.digest, digest) { difference |= stored ^ given }
            if difference == 0, found == nil { found = entry.match }
        }
        return found
    }

    private static func digest(_ text: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(text.utf8)))
    }
}
