import ArgumentParser
import Foundation
import TallyHub

/// How a client finds its hub: `--socket PATH` (the default one under $XDG_RUNTIME_DIR
/// otherwise) or `--connect HOST:PORT` with a token, over TLS unless the hub is on loopback
/// and no CA is given, or plaintext is said out loud.
struct HubOptions: ParsableArguments {
    @Option(help: "The hub's Unix socket (default: $XDG_RUNTIME_DIR/tally/hub.sock).")
    var socket: String?

    @Option(help: "The hub's TCP address, HOST:PORT, instead of the socket; needs the token.")
    var connect: String?

    @Option(help: "A file holding the hub's access token, for --connect (or set TALLY_TOKEN).")
    var tokenFile: String?

    @Option(help: "The CA that signed the hub's certificate (PEM), for --connect over TLS (default: the system's trust store).", completion: .file())
    var ca: String?

    @Option(help: "Your own certificate (PEM), for a hub that takes client certificates; with --tls-key.", completion: .file())
    var tlsCert: String?

    @Option(help: "The private key of --tls-cert (PEM).", completion: .file())
    var tlsKey: String?

    @Flag(help: "Speak plaintext TCP to a hub that is not on loopback: the token and every alert travel in clear.")
    var insecurePlaintext = false

    func validate() throws {
        if socket != nil, connect != nil { throw ValidationError("give --socket or --connect, not both") }
        if let connect, HubAddress(hostAndPort: connect) == nil { throw ValidationError("--connect takes HOST:PORT, such as 127.0.0.1:7390") }
        if connect == nil, ca != nil || tlsCert != nil || insecurePlaintext { throw ValidationError("--ca, --tls-cert and --insecure-plaintext go with --connect") }
        if insecurePlaintext, ca != nil || tlsCert != nil { throw ValidationError("--insecure-plaintext and TLS (--ca, --tls-cert) exclude each other") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
    }

    /// TLS for `--connect`: with --ca or a certificate of one's own, or to an address that is
    /// not loopback unless --insecure-plaintext says otherwise.
    var tls: ClientTLS? {
        guard connect != nil, !insecurePlaintext, ca != nil || tlsCert != nil || !address.isLoopback else { return nil }
        return ClientTLS(caPath: ca, certificatePath: tlsCert, keyPath: tlsKey)
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
