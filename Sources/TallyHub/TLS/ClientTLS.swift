import Foundation
import NIOCore
import NIOSSL
import Synchronization
import X509

/// TLS for a client of the hub (`tally attach`, `tally ingest`): the CA to trust (the
/// system's trust store when none is given), and a certificate of the operator's own to
/// present when the hub asks for one.
public struct ClientTLS: Sendable {
    public var caPath: String?
    public var certificatePath: String?
    public var keyPath: String?

    public init(caPath: String? = nil, certificatePath: String? = nil, keyPath: String? = nil) {
        self.caPath = caPath
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }

    /// What a connection needs: the context, and the check of the hub's certificate that says
    /// in words why it failed.
    func prepare(host: String) throws(HubFailure) -> (context: NIOSSLContext, check: CertificateCheck) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let certificatePath, let keyPath {
            configuration.certificateChain = try PEMFiles.certificates(certificatePath).map { .certificate($0) }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
            } catch {
                throw HubFailure("\(keyPath): not a PEM private key (\(error))")
            }
        }
        let roots: CertificateStore
        if let caPath {
            roots = CertificateStore(try PEMFiles.certificates(caPath).compactMap { try? Certificate(derEncoded: $0.toDERBytes()) })
        } else {
            roots = CertificateStore.systemTrustRoots
        }
        do {
            return (try NIOSSLContext(configuration: configuration), CertificateCheck(roots: roots, trusted: caPath ?? "the system's trust store", host: host))
        } catch {
            throw HubFailure("cannot make a TLS context: \(error)")
        }
    }
}

/// The check of the hub's certificate, made in place of BoringSSL's so that a failure has a
/// reason an operator can act on: which CA, which dates, which name.
struct CertificateCheck: Sendable {
    let roots: CertificateStore
    /// Where the trusted CAs came from, for the reason.
    let trusted: String
    let host: String
    /// Why the last check failed, for the link's one-line failure.
    let verdict = Verdict()

    final class Verdict: Sendable {
        private let reason = Mutex<String?>(nil)
        var value: String? { reason.withLock { $0 } }
        func set(_ text: String?) { reason.withLock { $0 = text } }
    }

    /// The hub's chain, checked: nil when good, or why not.
    func reason(for chain: [NIOSSLCertificate], at now: Date) async -> String? {
        let certificates = chain.compactMap { try? Certificate(derEncoded: $0.toDERBytes()) }
        guard let leaf = certificates.first else { return "the hub presented no certificate" }
        if now > leaf.notValidAfter { return "the hub's certificate expired on \(Self.day(leaf.notValidAfter))" }
        if now < leaf.notValidBefore { return "the hub's certificate is not valid until \(Self.day(leaf.notValidBefore))" }
        let intermediates = CertificateStore(certificates.dropFirst())
        var chainCheck = Verifier(rootCertificates: roots) { RFC5280Policy() }
        if case .couldNotValidate = await chainCheck.validate(leaf: leaf, intermediates: intermediates) {
            return "the hub's certificate is not signed by a CA trusted here (\(trusted))"
        }
        let isAddress = HubAddress.isIPLiteral(host)
        // The chain passed; with both policies (the first knows the critical extensions), a failure now is the name's.
        var nameCheck = Verifier(rootCertificates: roots) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: isAddress ? nil : host, serverIP: isAddress ? host : nil)
        }
        if case .couldNotValidate = await nameCheck.validate(leaf: leaf, intermediates: intermediates) {
            return "the hub's certificate is not for \(host) (it is for \(Self.names(of: leaf)))"
        }
        return nil
    }

    /// The callback NIOSSL calls with the chain the hub presented.
    var callback: NIOSSLCustomVerificationCallback {
        { [self] chain, promise in
            Task(executorPreference: EventLoopTaskExecutor(loop: promise.futureResult.eventLoop)) {
                let reason = await reason(for: chain, at: Date())
                verdict.set(reason)
                promise.succeed(reason == nil ? .certificateVerified : .failed)
            }
        }
    }

    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
    }

    private static func names(of certificate: Certificate) -> String {
        let alternatives = (try? certificate.extensions.subjectAlternativeNames).map { names in
            names.map { name -> String in
                switch name {
                case .dnsName(let dns): dns
                case .ipAddress(let bytes): Self.address(bytes.bytes)
                default: "\(name)"
                }
            }
        } ?? []
        let common = CertificateName.commonName(of: certificate).map { ["CN=\($0)"] } ?? []
        let all = alternatives + common
        return all.isEmpty ? "no name" : all.joined(separator: ", ")
    }

    private static func address(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : bytes.map { String(format: "%02x", $0) }.joined(separator: ":")
    }
}
