import NIOCore

/// First on a plaintext TCP port: a client that opens with a TLS handshake is told nothing it
/// could read, so it is logged and closed at once rather than left to the hello timeout.
final class PlaintextGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// The first byte of a TLS record carrying a handshake.
    private static let handshakeRecord: UInt8 = 0x16
    private let refused: () -> Void

    init(refused: @escaping () -> Void) {
        self.refused = refused
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if unwrapInboundIn(data).getInteger(at: unwrapInboundIn(data).readerIndex, as: UInt8.self) == Self.handshakeRecord {
            refused()
            return context.close(promise: nil)
        }
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
