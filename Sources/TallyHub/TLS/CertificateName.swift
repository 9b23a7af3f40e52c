import NIOCore
import NIOSSL
import X509

/// The name a certificate gives its holder: the common name of its subject.
enum CertificateName {
    static func commonName(of certificate: Certificate) -> String? {
        for relative in certificate.subject {
            for attribute in relative where attribute.type == .RDNAttributeType.commonName {
                return "\(attribute.value)"
            }
        }
        return nil
    }

    /// The common name of the certificate the peer of `channel` presented (and the hub
    /// accepted) on its TLS handshake; nil without TLS or without a client certificate.
    static func ofPeer(on channel: Channel) -> String? {
        guard let handler = try? channel.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self),
              let presented = handler.peerCertificate, let certificate = try? Certificate(derEncoded: presented.toDERBytes()) else { return nil }
        return commonName(of: certificate)
    }
}
