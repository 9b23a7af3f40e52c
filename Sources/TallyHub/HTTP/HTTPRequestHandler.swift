import NIOCore
import NIOHTTP1

/// Reads one HTTP/1.1 request from NIOHTTP1's parts within its caps (headers up to 16 KiB, a
/// body of the declared `Content-Length` up to `bodyCap`) and answers it once, so that nothing
/// a client sends makes the hub hang or hold without limit: a request not whole within the
/// time allowed gets 408, a chunked one 411, a big one 413, big headers 431, garbage 400.
public final class HTTPRequestHandler: ChannelInboundHandler {
    public typealias InboundIn = HTTPServerRequestPart
    public typealias OutboundOut = HTTPServerResponsePart

    /// The header limit handed to NIOHTTP1's decoder.
    private static let limits: NIOHTTPDecoderLimitConfiguration = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = 16 << 10
        limits.maxHeaderFieldSize = 16 << 10
        return limits
    }()

    private let bodyCap: Int
    private let timeoutSeconds: Double
    private let answer: (HTTPRequest) -> HTTPAnswer
    private let refused: (HTTPAnswer) -> Void
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var isAnswered = false
    private var deadline: Scheduled<Void>?

    /// `answer` answers a whole request; `refused` hears every answer that is not 200, for the count.
    init(bodyCap: Int, timeoutSeconds: Double, answer: @escaping (HTTPRequest) -> HTTPAnswer, refused: @escaping (HTTPAnswer) -> Void) {
        self.bodyCap = bodyCap
        self.timeoutSeconds = timeoutSeconds
        self.answer = answer
        self.refused = refused
    }

    /// NIOHTTP1's decoder (with the header limit) and encoder, then this handler, on `channel`.
    public static func install(on channel: Channel, bodyCap: Int, timeoutSeconds: Double,
                        answer: @escaping (HTTPRequest) -> HTTPAnswer, refused: @escaping (HTTPAnswer) -> Void) throws {
        try channel.pipeline.syncOperations.addHandlers(
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: limits)), HTTPResponseEncoder(),
            HTTPRequestHandler(bodyCap: bodyCap, timeoutSeconds: timeoutSeconds, answer: answer, refused: refused))
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: .span(timeoutSeconds)) {
            let (handler, context) = bound.value
            handler.respond(HTTPAnswer(status: 408, body: "request not received within \(Int(handler.timeoutSeconds.rounded(.up))) s"), context: context)
        }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isAnswered else { return }
        switch unwrapInboundIn(data) {
        case .head(let received):
            if let refusal = refusal(of: received) { return respond(refusal, context: context) }
            head = received
        case .body(let chunk):
            guard body.count + chunk.readableBytes <= bodyCap else { return respond(tooLarge, context: context) }
            body += chunk.readableBytesView
        case .end:
            guard let head else { return }
            let target = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? head.uri
            let headers = Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }) { $1 }
            respond(answer(HTTPRequest(method: head.method.rawValue, path: target, headers: headers, body: body)), context: context)
        }
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !isAnswered else { return context.close(promise: nil) }
        let status = (error as? HTTPParserError) == .headerOverflow ? 431 : 400
        respond(HTTPAnswer(status: status, body: status == 431 ? "request headers larger than 16 KiB" : "not an HTTP/1.1 request"), context: context)
    }

    private var tooLarge: HTTPAnswer { HTTPAnswer(status: 413, body: "body larger than \(bodyCap >> 10) KiB") }

    private func refusal(of head: HTTPRequestHead) -> HTTPAnswer? {
        if !head.headers["transfer-encoding"].isEmpty {
            return HTTPAnswer(status: 411, body: "chunked bodies are not accepted; send Content-Length")
        }
        guard let declared = head.headers.first(name: "content-length") else { return nil }
        guard let length = Int(declared), length >= 0 else { return HTTPAnswer(status: 400, body: "bad Content-Length") }
        return length > bodyCap ? tooLarge : nil
    }

    /// Sends the answer, closes the sending side, and the connection soon after: what the
    /// client still sends is read and dropped meanwhile, so that it sees the answer.
    private func respond(_ reply: HTTPAnswer, context: ChannelHandlerContext) {
        guard !isAnswered else { return }
        isAnswered = true
        deadline?.cancel()
        if reply.status != 200 { refused(reply) }
        let payload = ByteBuffer(string: reply.body + "\n")
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: reply.contentType)
        headers.add(name: "Content-Length", value: "\(payload.readableBytes)")
        headers.add(name: "Connection", value: "close")
        let status = HTTPResponseStatus(statusCode: reply.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(payload))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
        }
    }
}
