import NIOCore
import TallyBus

/// The channel end of a line client: hands each framed line, the end of the client's input,
/// a change of writability and the close to the engine, on the server's loop.
final class LineClientHandler: ChannelInboundHandler {
    typealias InboundIn = LineFramer.Line

    private let engine: HubEngine
    private let connection: HubConnection

    init(engine: HubEngine, connection: HubConnection) {
        self.engine = engine
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        engine.received(unwrapInboundIn(data), from: connection)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { engine.endOfInput(from: connection) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { engine.writable(connection) }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        engine.closed(connection)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        engine.logger.info("connection failed", metadata: ["connection": "\(connection.label)", "error": "\(error)"])
        context.close(promise: nil)
    }
}
