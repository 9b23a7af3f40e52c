import Foundation
import Testing

/// The openssl command, when installed (`.ci/run` installs it).
enum OpenSSL {
    static let path = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first(where: FileManager.default.isExecutableFile(atPath:))
}

extension EndToEnd {
    /// TLS through the command line, with certificates made by openssl: `tally serve` on TLS,
    /// `tally attach --ca` onto it in a terminal; the wrong CA refused in one line before the
    /// screen is taken; plaintext on an address that is not loopback refused as usage.
    @Suite(.enabled(if: TmuxSession.isAvailable && OpenSSL.path != nil, "tmux or openssl is not installed: TLS end-to-end tests skipped"))
    struct TLSEndToEndTests {
        /// A self-signed certificate for 127.0.0.1 (its own CA), made by openssl in `folder`.
        private static func selfSigned(_ name: String, in folder: URL) throws -> (certificate: String, key: String) {
            let (certificate, key) = (folder.appendingPathComponent("\(name).pem").path, folder.appendingPathComponent("\(name).key").path)
            let made = ProcessRunner.run([OpenSSL.path!, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                         "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=\(name)",
                                         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
            try #require(made.status == 0, "openssl: \(made.output)")
            return (certificate, key)
        }

        @Test func aConsoleAttachesOverTLSAndTheWrongCAIsRefusedInOneLine() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-tls-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let (hubCertificate, hubKey) = try Self.selfSigned("hub", in: folder)
            let (stranger, _) = try Self.selfSigned("stranger", in: folder)
            let token = folder.appendingPathComponent("token").path
            try "the-right-token-of-the-hub\n".write(toFile: token, atomically: true, encoding: .utf8)
            let port = Int.random(in: 20_000...60_000)
            let hub = try await HubProcess(folder: folder, extraArguments: [
                "--listen", "127.0.0.1:\(port)", "--token-file", token, "--tls-cert", hubCertificate, "--tls-key", hubKey,
            ])
            #expect(hub.ingest([HubProcess.raise("enc-1/down", summary: "enc1 down")]).status == 0)

            let refused = ProcessRunner.run([TallyBinary.path, "attach", "--connect", "127.0.0.1:\(port)", "--token-file", token, "--ca", stranger],
                                            environment: HubProcess.environment(folder))
            #expect(refused.status == 1)
            #expect(refused.output.contains("the hub's certificate is not signed by a CA trusted here (\(stranger))"), "\(refused.output)")

            let console = try TmuxSession(width: 120, height: 40) {
                TallyBinary.command("attach --connect 127.0.0.1:\(port) --token-file \(token) --ca \(hubCertificate) --name kenji", state: $0)
            }
            await console.waitFor("the alert over TLS") { $0.contains("link ok") && $0.contains("enc1 down") && !$0.contains("PLAINTEXT") }
            console.sendKeys("q")
            #expect(await console.waitForExit() == 0)

            let plaintext = ProcessRunner.run([TallyBinary.path, "serve", "--listen", "0.0.0.0:\(port + 1)", "--token-file", token],
                                              environment: HubProcess.environment(folder))
            #expect(plaintext.status != 0)
            #expect(plaintext.output.contains("is not a loopback address: give --tls-cert and --tls-key, or say --insecure-plaintext"))
            _ = hub
        }
    }
}
