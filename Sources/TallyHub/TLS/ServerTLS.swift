import NIOSSL

/// TLS on the hub's TCP listener (and its HTTP port): its certificate chain and key, and,
/// when given, the CA that client certificates are checked against. A client certificate is
/// optional; one that is presented must chain to that CA, and its subject's common name then
/// names the operator.
public struct ServerTLS: Sendable {
    public var certificatePath: String
    public var keyPath: String
    public var clientCAPath: String?

    public init(certificatePath: String, keyPath: String, clientCAPath: String? = nil) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.clientCAPath = clientCAPath
    }

    /// The context every TLS connection of the hub shares; a file that cannot be read is named.
    func makeContext() throws(HubFailure) -> NIOSSLContext {
        let chain = try PEMFiles.certificates(certificatePath)
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw HubFailure("\(keyPath): not a PEM private key (\(error))")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        if let clientCAPath {
            configuration.trustRoots = .certificates(try PEMFiles.certificates(clientCAPath))
            configuration.certificateVerification = .optionalVerification
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw HubFailure("\(certificatePath), \(keyPath): the certificate and key do not make a TLS context (\(error))")
        }
    }
}

/// Reading certificates from PEM files, with the file named when it cannot be read.
enum PEMFiles {
    static func certificates(_ path: String) throws(HubFailure) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw HubFailure("\(path): not a PEM certificate file (\(error))")
        }
        guard !certificates.isEmpty else { throw HubFailure("\(path): holds no certificate") }
        return certificates
    }
}
