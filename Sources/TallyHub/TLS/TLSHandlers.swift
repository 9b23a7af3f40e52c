import NIOCore
import NIOSSL
import NIOTLS

/// What goes first on an accepted TCP channel: TLS when the hub has a certificate, or on a
/// plaintext line port the guard that turns a TLS client away at once.
enum TLSHandlers {
    static func add(to channel: Channel, tls: NIOSSLContext?, plaintextGuard: Bool, engine: HubEngine, label: String) throws {
        if let tls {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
            try channel.pipeline.syncOperations.addHandler(HandshakeFailureLog(engine: engine, label: label))
        } else if plaintextGuard {
            try channel.pipeline.syncOperations.addHandler(PlaintextGuard {
                engine.logger.notice("connection refused: a TLS client on the plaintext port", metadata: ["connection": "\(label)"])
            })
        }
    }
}

/// Logs a TLS handshake that failed (a plaintext client, an untrusted client certificate):
/// the hub goes on serving everyone else.
private final class HandshakeFailureLog: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let engine: HubEngine
    private let label: String

    init(engine: HubEngine, label: String) {
        self.engine = engine
        self.label = label
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { context.pipeline.syncOperations.removeHandler(context: context, promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        engine.logger.notice("TLS handshake failed", metadata: ["connection": "\(label)", "error": "\(error)"])
        context.close(promise: nil)
    }
}
