import NIOCore
import TallyBus

/// The line framer as a channel handler: every newline-delimited connection of the hub and its
/// clients reads through it, so each has the same size cap and the same treatment of a line
/// that passes it (reported as oversized, skipped whole). A last line without its newline is
/// passed on when the peer closes its side.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = LineFramer.Line

    private var framer: LineFramer

    init(cap: Int) {
        framer = LineFramer(cap: cap)
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        let lines = buffer.withUnsafeReadableBytes { framer.feed($0) }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        for line in lines { context.fireChannelRead(wrapInboundOut(line)) }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) -> DecodingState {
        _ = decode(context: context, buffer: &buffer)
        if seenEOF, let last = framer.finish() { context.fireChannelRead(wrapInboundOut(last)) }
        return .needMoreData
    }
}
