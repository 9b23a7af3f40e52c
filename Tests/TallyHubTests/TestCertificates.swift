import Crypto
import Foundation
import SwiftASN1
import X509

/// Certificates made for a test, as PEM files in a folder of its own: a CA, and leaves it (or
/// another CA) signs, with the names and dates a case needs.
struct TestCertificates {
    let folder: URL
    private let caKey = P256.Signing.PrivateKey()
    private let caName: DistinguishedName
    private let caCertificate: Certificate
    /// The CA's certificate, as a file a client trusts.
    let caPath: String

    init(name: String = "Tally Test CA") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        caName = try DistinguishedName { CommonName(name) }
        let now = Date()
        caCertificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(86_400), issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                KeyUsage(keyCertSign: true)
            },
            issuerPrivateKey: .init(caKey))
        caPath = folder.appendingPathComponent("\(name.replacingOccurrences(of: " ", with: "-")).pem").path
        try caCertificate.serializeAsPEM().pemString.write(toFile: caPath, atomically: true, encoding: .utf8)
    }

    /// A leaf signed by this CA for `commonName`, valid for the given names (IP addresses and
    /// host names) and dates; returns the certificate's and the key's paths.
    func leaf(_ commonName: String, addresses: [String] = ["127.0.0.1"], hosts: [String] = ["localhost"],
              from start: Date = Date().addingTimeInterval(-3600), to end: Date = Date().addingTimeInterval(86_400)) throws -> (certificate: String, key: String) {
        let key = P256.Signing.PrivateKey()
        var names: [GeneralName] = hosts.map { .dnsName($0) }
        names += addresses.map { address in .ipAddress(ASN1OctetString(contentBytes: ArraySlice(address.split(separator: ".").compactMap { UInt8($0) }))) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey), notValidBefore: start, notValidAfter: end,
            issuer: caName, subject: try DistinguishedName { CommonName(commonName) }, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(caKey))
        let stem = folder.appendingPathComponent("\(commonName)-\(UUID().uuidString.prefix(4))").path
        try certificate.serializeAsPEM().pemString.write(toFile: stem + ".pem", atomically: true, encoding: .utf8)
        try key.pemRepresentation.write(toFile: stem + ".key", atomically: true, encoding: .utf8)
        return (stem + ".pem", stem + ".key")
    }
}
