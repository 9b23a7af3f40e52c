import Foundation
import Testing
import TallyCore
@testable import TallyHub

/// TLS on the hub's TCP port, with certificates the test makes: a console attaches over TLS;
/// a wrong CA, an expired certificate, a wrong host name, a plaintext client on the TLS port
/// and a TLS client on a plaintext port each fail with their reason while another console
/// stays attached; a client certificate names the operator.
@Suite(.serialized)
struct TLSTests {
    private let certificates: TestCertificates

    init() throws {
        certificates = try TestCertificates()
    }

    private func hub(_ leaf: (certificate: String, key: String), clientCA: String? = nil) throws -> HubRig {
        try HubRig(tls: ServerTLS(certificatePath: leaf.certificate, keyPath: leaf.key, clientCAPath: clientCA))
    }

    private func attach(_ rig: HubRig, tls: ClientTLS?, host: String = "127.0.0.1", name: String = "kenji") throws -> HubLink {
        guard case .tcp(_, let port) = rig.tcp else { throw HubFailure("no TCP port") }
        return try HubLink(settings: .init(address: .tcp(host: host, port: port), name: name, token: HubRig.token, tls: tls), timeoutSeconds: 5) {}
    }

    /// The reason a link fails to start with, or nil when it starts.
    private func failure(_ body: () throws -> HubLink) -> String? {
        do {
            try body().stop()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aConsoleAttachesOverTLSAndEachBadLinkFailsWithItsReasonWhileItStays() throws {
        let rig = try hub(try certificates.leaf("hub"))
        defer { rig.stop() }
        let good = try attach(rig, tls: ClientTLS(caPath: certificates.caPath))
        defer { good.stop() }
        #expect(good.status.state == .connected)
        #expect(good.status.security == .tls)
        #expect(good.status.connection?.hasPrefix("tls:kenji@127.0.0.1:") == true)

        let stranger = try TestCertificates(name: "Some Other CA")
        #expect(failure { try attach(rig, tls: ClientTLS(caPath: stranger.caPath)) }?
            .contains("the hub's certificate is not signed by a CA trusted here (\(stranger.caPath))") == true)
        #expect(failure { try attach(rig, tls: nil) }?.contains("it speaks TLS on this port") == true)

        let expired = try hub(try certificates.leaf("old-hub", from: Date().addingTimeInterval(-86_400 * 30), to: Date().addingTimeInterval(-86_400)))
        defer { expired.stop() }
        #expect(failure { try attach(expired, tls: ClientTLS(caPath: certificates.caPath)) }?.contains("the hub's certificate expired on") == true)

        let elsewhere = try hub(try certificates.leaf("far-hub", addresses: [], hosts: ["hub.example"]))
        defer { elsewhere.stop() }
        #expect(failure { try attach(elsewhere, tls: ClientTLS(caPath: certificates.caPath)) }?
            .contains("the hub's certificate is not for 127.0.0.1 (it is for hub.example, CN=far-hub)") == true)

        let plaintext = try HubRig()
        defer { plaintext.stop() }
        #expect(failure { try attach(plaintext, tls: ClientTLS(caPath: certificates.caPath)) }?
            .contains("the connection closed during the TLS handshake: does the hub speak TLS on this port?") == true)
        #expect(plaintext.log.waitFor("a TLS client on the plaintext port"))

        rig.core.ingest(HubRig.raise("after/failures"), source: "test")
        let deadline = Date().addingTimeInterval(5)
        var arrived = false
        while !arrived, Date() < deadline {
            arrived = good.take().contains { if case .envelope(let envelope) = $0 { envelope.event == HubRig.raise("after/failures") } else { false } }
            if !arrived { usleep(20_000) }
        }
        #expect(arrived)
        #expect(good.status.state == .connected)
    }

    @Test func aClientCertificateNamesTheOperatorInTheAuditTrail() throws {
        let rig = try hub(try certificates.leaf("hub"), clientCA: certificates.caPath)
        defer { rig.stop() }
        let mine = try certificates.leaf("maria", addresses: [], hosts: [])
        let link = try attach(rig, tls: ClientTLS(caPath: certificates.caPath, certificatePath: mine.certificate, keyPath: mine.key), name: "somebody-else")
        defer { link.stop() }
        #expect(link.status.operatorName == "maria")
        rig.core.ingest(HubRig.raise("enc-1/down"), source: "test")
        link.send(.operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "forged", channel: "forged")), key: "ack-1")
        let deadline = Date().addingTimeInterval(5)
        var action: OperatorAction?
        while action == nil, Date() < deadline {
            for item in link.take() {
                if case .envelope(let envelope) = item, case .operatorAction(let seen) = envelope.event { action = seen }
            }
            if action == nil { usleep(20_000) }
        }
        #expect(action?.actor == "maria")
        #expect(action?.channel.hasPrefix("tls:maria@127.0.0.1:") == true)
    }

    @Test func opensslVerifiesTheHubAsAnyTLSClientWould() throws {
        guard let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            print("skipped: openssl is not installed (.ci/run installs it)")
            return
        }
        let rig = try hub(try certificates.leaf("hub"))
        defer { rig.stop() }
        guard case .tcp(_, let port) = rig.tcp else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", certificates.caPath, "-verify_return_error", "-verify_ip", "127.0.0.1", "-brief"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("Verification: OK"), "openssl said: \(text)")
        #expect(text.contains("Protocol version: TLSv1.3"), "openssl said: \(text)")
    }
}
