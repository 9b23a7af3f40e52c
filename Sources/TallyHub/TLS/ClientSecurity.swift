import NIOCore
import NIOSSL

/// How a client's connection to the hub is protected, prepared once (files read, trust
/// loaded) and applied to every connection it opens.
struct ClientSecurity: Sendable {
    let context: NIOSSLContext
    let check: CertificateCheck
    let host: String

    /// TLS for `address` when asked for and the address is TCP; nil otherwise.
    init?(_ tls: ClientTLS?, for address: HubAddress) throws(HubFailure) {
        guard let tls, case .tcp(let host, _) = address else { return nil }
        (context, check) = try tls.prepare(host: host)
        self.host = host
    }

    /// The TLS handler, first on a new channel; SNI carries the host name, never an address.
    func addHandler(to channel: Channel) throws {
        let handler = try NIOSSLClientHandler(context: context, serverHostname: HubAddress.isIPLiteral(host) ? nil : host,
                                              customVerificationCallback: check.callback)
        try channel.pipeline.syncOperations.addHandler(handler)
    }

    /// Why a connection that ended before the hub answered failed, as far as TLS can tell.
    func reason(handshakeCompleted: Bool) -> String? {
        if let verdict = check.verdict.value { return verdict }
        return handshakeCompleted ? nil : "the connection closed during the TLS handshake: does the hub speak TLS on this port?"
    }
}
