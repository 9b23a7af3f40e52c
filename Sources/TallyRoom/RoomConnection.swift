import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import TallyCore

/// Connections to the room's PostgreSQL, made from a checked `RoomAddress`: TCP or the
/// server's Unix socket, with TLS as the URL's `sslmode` asks (libpq's meanings: `prefer`
/// tries TLS without checking the certificate, `require` insists on it, `verify-ca` checks the
/// CA, `verify-full` the CA and the host name).
public enum RoomConnection {
    /// Connects on `loop` (the hub's, so that the database's work shares its thread).
    public static func connect(to address: RoomAddress, on loop: any EventLoop, id: Int, logger: Logger) async throws -> PostgresConnection {
        try await PostgresConnection.connect(on: loop, configuration: try configuration(address), id: id, logger: logger)
    }

    static func configuration(_ address: RoomAddress) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let folder = address.socketFolder {
            configuration = .init(unixSocketPath: folder + "/.s.PGSQL.\(address.port)", username: address.user, password: address.password,
                                  database: address.database)
        } else {
            configuration = .init(host: address.host ?? "localhost", port: address.port, username: address.user, password: address.password,
                                  database: address.database, tls: try tls(address))
        }
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    private static func tls(_ address: RoomAddress) throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        if let root = address.rootCertificatePath { settings.trustRoots = .file(root) }
        switch address.tls {
        case .disable: return .disable
        case .allow, .prefer:
            settings.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: settings))
        case .require:
            settings.certificateVerification = address.rootCertificatePath == nil ? .none : .noHostnameVerification
            return .require(try NIOSSLContext(configuration: settings))
        case .verifyCA:
            settings.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: settings))
        case .verifyFull:
            settings.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: settings))
        }
    }
}
