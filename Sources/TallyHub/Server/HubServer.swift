import Dispatch
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import TallyBus

/// The hub's network edge on SwiftNIO: it listens (the Unix socket, TCP with a token, the
/// Alertmanager webhook) on one event loop of its own, where the core turns, so that the state
/// is touched by one thread and the store's writes never hold up another loop's work.
public final class HubServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let loop: EventLoop
    private let engine: NIOLoopBoundBox<HubEngine>
    private let turnRequests = TurnRequests()
    /// The ports the TCP listeners are bound to (the TCP one first, then the webhook's), for
    /// a hub started on port 0.
    public let tcpPorts: [UInt16]

    /// Opens the listeners; throws when one cannot be opened (address in use, no permission).
    public init(settings: HubSettings, core: sending any HubCore, logger: Logger) throws(HubFailure) {
        if let tcp = settings.tcp, settings.tokens.isEmpty { throw HubFailure("TCP \(tcp) needs access tokens (--token-file or --tokens)") }
        for address in [settings.tcp, settings.webhook].compactMap({ $0 }) where settings.tls == nil && !settings.allowsPlaintext && !address.isLoopback {
            throw HubFailure("\(address) is not a loopback address: give --tls-cert and --tls-key, or say --insecure-plaintext")
        }
        let tls = try settings.tls?.makeContext()
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
        let wakeup = core.wakeup
        engine = NIOLoopBoundBox.makeBoxSendingValue(HubEngine(settings: settings, core: core, logger: logger, loop: loop), eventLoop: loop)
        var listeners: [Channel] = []
        do throws(HubFailure) {
            if let socket = settings.socket { listeners.append(try Listeners.bind(Self.lineBootstrap(loop: loop, engine: engine, transport: .unix, tls: nil), at: socket, group: group)) }
            if let tcp = settings.tcp { listeners.append(try Listeners.bind(Self.lineBootstrap(loop: loop, engine: engine, transport: .tcp, tls: tls), at: tcp, group: group)) }
            if let webhook = settings.webhook { listeners.append(try Listeners.bind(Self.httpBootstrap(loop: loop, engine: engine, settings: settings, tls: tls), at: webhook, group: group)) }
        } catch {
            for listener in listeners { listener.close(promise: nil) }
            try? group.syncShutdownGracefully()
            throw error
        }
        tcpPorts = listeners.compactMap { $0.localAddress?.port }.map { UInt16($0) }
        let bound = listeners
        loop.execute { [engine] in
            engine.value.listeners = bound
            engine.value.start()
        }
        wakeup.connect { [weak self] in self?.requestTurn() }
    }

    /// The event loop's thread ends once the server is released.
    deinit { group.shutdownGracefully(queue: .global()) { _ in } }

    /// Stops accepting and says `reason` to every client with a `bye`; the future completes
    /// once they have gone (2 s at most). The core goes on turning until `close()`.
    public func stopServing(reason: String) -> EventLoopFuture<Void> {
        let stopped = loop.makePromise(of: Void.self)
        loop.execute { [engine] in engine.value.stopServing(reason: reason, stopped: stopped) }
        return stopped.futureResult
    }

    /// Asks the core to read its configuration again (SIGHUP or SIGUSR1).
    public func reload() {
        loop.execute { [engine] in engine.value.reload() }
    }

    /// A last turn (what the bus brought until now is applied and stored), then the core closed;
    /// nothing turns it after that.
    public func close() -> EventLoopFuture<Void> {
        loop.submit { [engine] in engine.value.close() }
    }

    /// Actions refused since start because the console's token is a viewer's.
    public var viewerActionsRefused: Int { (try? loop.submit { [engine] in engine.value.counters.viewerActionsRefused }.wait()) ?? 0 }

    /// One turn for any number of wake-ups that come before it runs.
    private func requestTurn() {
        guard !turnRequests.isPending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        loop.execute { [engine, turnRequests] in
            turnRequests.isPending.store(false, ordering: .releasing)
            engine.value.turn()
        }
    }

    /// Whether a turn is asked for and not yet run; apart from the server, so that a turn never holds it.
    private final class TurnRequests: Sendable {
        let isPending = Atomic<Bool>(false)
    }

    private enum LineTransport { case unix, tcp }

    private static func lineBootstrap(loop: EventLoop, engine: NIOLoopBoundBox<HubEngine>, transport: LineTransport, tls: NIOSSLContext?) -> ServerBootstrap {
        ServerBootstrap(group: loop)
            .serverChannelOption(.backlog, value: 128)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 64 << 10, high: 256 << 10))
            .childChannelInitializer { [engine] channel in
            let credentials = transport == .unix ? PeerCredentials.of(channel) : channel.eventLoop.makeSucceededFuture(nil)
            return credentials.flatMapThrowing { credentials in
                let engine = engine.value
                let kind: HubConnection.Transport = transport == .unix ? .unix(credentials) : tls == nil ? .tcp : .tls
                let connection = engine.open(channel, transport: kind)
                try TLSHandlers.add(to: channel, tls: tls, plaintextGuard: transport == .tcp, engine: engine, label: connection.label)
                try channel.pipeline.syncOperations.addHandlers(
                    ByteToMessageHandler(LineFrameDecoder(cap: 64 << 10)), LineClientHandler(engine: engine, connection: connection))
            }
        }
    }

    private static func httpBootstrap(loop: EventLoop, engine: NIOLoopBoundBox<HubEngine>, settings: HubSettings, tls: NIOSSLContext?) -> ServerBootstrap {
        ServerBootstrap(group: loop)
            .serverChannelOption(.backlog, value: 128)
            .childChannelInitializer { [engine] channel in
                channel.eventLoop.makeCompletedFuture {
                    let engine = engine.value
                    let label = "http:\(channel.remoteAddress?.description ?? "?") #\(engine.numberHTTPConnection())"
                    try TLSHandlers.add(to: channel, tls: tls, plaintextGuard: false, engine: engine, label: label)
                    try HTTPRequestHandler.install(on: channel, bodyCap: AlertmanagerWebhook.byteCap, timeoutSeconds: settings.helloTimeoutSeconds,
                                                   answer: { engine.answer($0) }, refused: { engine.refusedRequest($0, on: label) })
                }
            }
    }
}
