import Foundation
import NIOCore
import NIOPosix
import Synchronization
import TallyBus

/// `tally ingest`: sends JSON lines from a file handle (stdin) to a hub as bus events, and
/// reports each line the hub refuses with its number and reason. The input is read and sent
/// on the caller's thread, one chunk in flight at a time, while the hub's answers are read on
/// the event loop, so a long input never deadlocks and a hub that closes early ends the run.
public enum IngestClient {
    public struct Summary: Sendable, Equatable {
        /// The hub's closing word ("accepted 12, refused 1"), or why the link ended early.
        public var closing: String
        public var refused: Int
    }

    public static func run(address: HubAddress, token: String?, tls: ClientTLS? = nil, input: FileHandle = .standardInput,
                           report: @escaping @Sendable (HubMessage.Refusal) -> Void) throws(HubFailure) -> Summary {
        let security = try ClientSecurity(tls, for: address)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let outcome = loop.makePromise(of: Summary.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try security?.addHandler(to: channel)
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(LineFrameDecoder(cap: 1 << 20)), RefusalReader(outcome: outcome, report: report))
                }
            }
        let channel: Channel
        do {
            channel = try bootstrap.connect(to: address).wait()
        } catch {
            throw HubFailure("cannot reach the hub at \(address): \(error)")
        }
        defer { channel.close(promise: nil) }
        let hello = (try? ClientMessage.Hello(role: .ingest, token: token).line()) ?? []
        Thread.detachNewThread {
            var chunk = hello
            while !chunk.isEmpty {
                guard (try? channel.writeAndFlush(ByteBuffer(bytes: chunk)).wait()) != nil else { return }
                chunk = Array((try? input.read(upToCount: 64 << 10)) ?? Data())
            }
            channel.close(mode: .output, promise: nil)
        }
        let summary = (try? outcome.futureResult.wait()) ?? Summary(closing: RefusalReader.closedEarly, refused: 0)
        guard summary.closing == RefusalReader.closedEarly, let reason = security?.check.verdict.value else { return summary }
        return Summary(closing: "\(RefusalReader.closedEarly): \(reason)", refused: summary.refused)
    }
}

/// Reads the hub's answers to an ingest client: each refusal reported, the closing word kept.
private final class RefusalReader: ChannelInboundHandler {
    typealias InboundIn = LineFramer.Line

    /// The closing word when the hub closed without its own.
    static let closedEarly = "the hub closed the connection"
    private let outcome: EventLoopPromise<IngestClient.Summary>
    private let report: @Sendable (HubMessage.Refusal) -> Void
    private var refused = 0

    init(outcome: EventLoopPromise<IngestClient.Summary>, report: @escaping @Sendable (HubMessage.Refusal) -> Void) {
        self.outcome = outcome
        self.report = report
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let bytes, _) = unwrapInboundIn(data) else { return }
        switch try? HubMessage(line: bytes) {
        case .error(let refusal)?:
            refused += 1
            report(refusal)
        case .bye(let reason)?:
            outcome.succeed(IngestClient.Summary(closing: reason, refused: refused))
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        outcome.succeed(IngestClient.Summary(closing: Self.closedEarly, refused: refused))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
