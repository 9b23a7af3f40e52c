import ArgumentParser
import Foundation
import TallyHub

/// How a client finds its hub: `--socket PATH` (the default one under $XDG_RUNTIME_DIR
/// otherwise) or `--connect HOST:PORT` with a token.
struct HubOptions: ParsableArguments {
    @Option(help: "The hub's Unix socket (default: $XDG_RUNTIME_DIR/tally/hub.sock).")
    var socket: String?

    @Option(help: "The hub's TCP address, HOST:PORT, instead of the socket; needs the token.")
    var connect: String?

    @Option(help: "A file holding the hub's access token, for --connect (or set TALLY_TOKEN).")
    var tokenFile: String?

    func validate() throws {
        if socket != nil, connect != nil { throw ValidationError("give --socket or --connect, not both") }
        if let connect, HubAddress(hostAndPort: connect) == nil { throw ValidationError("--connect takes HOST:PORT, such as 127.0.0.1:7390") }
    }

    /// The hub's address.
    var address: HubAddress {
        if let connect, let address = HubAddress(hostAndPort: connect) { return address }
        return socket.map { .unix(path: $0) } ?? HubAddress.defaultSocket(environment: ProcessInfo.processInfo.environment)
    }

    /// The token to present on TCP: the file's first line, or TALLY_TOKEN.
    func token() throws -> String? {
        try Self.readToken(file: tokenFile) ?? ProcessInfo.processInfo.environment["TALLY_TOKEN"]
    }

    static func readToken(file: String?) throws -> String? {
        guard let file else { return nil }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CommandError("\(file): cannot read the token file") }
        let token = text.split(whereSeparator: \.isNewline).first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.utf8.count >= 16 else { throw CommandError("\(file):1: the token must be at least 16 characters") }
        return token
    }
}
