import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization
import TallyBus
import TallyCore

/// A console's link to a hub, on SwiftNIO: connects and says hello, hands what arrives to the
/// console in order (`take()`), and sends the console's actions, each with an idempotency key,
/// keeping each until the hub has applied it so that a reconnect sends it again and the hub
/// applies it once. A dropped link is retried with doubling backoff (0.5 s to 10 s) meanwhile
/// the status reads "reconnecting"; a silent hub (no tick for 5 s) counts as dropped.
public final class HubLink: Sendable {
    /// What arrived, in hub order.
    public enum Item: Sendable {
        /// Replaces the console's state: everything after applies on top.
        case snapshot(ConsoleState)
        case envelope(Envelope)
        /// The hub refused one of this console's lines or actions.
        case notice(String)
    }

    public struct Settings: Sendable {
        public var address: HubAddress
        public var name: String?
        public var token: String?
        /// TLS for a TCP address; nil for plaintext (loopback, or said out loud).
        public var tls: ClientTLS?
        public var silenceSeconds = 5.0

        public init(address: HubAddress, name: String? = nil, token: String? = nil, tls: ClientTLS? = nil) {
            self.address = address
            self.name = name
            self.token = token
            self.tls = tls
        }
    }

    private struct Shared {
        var items: [Item] = []
        var status: LinkStatus
        /// The connection once the hub has welcomed it.
        var channel: Channel?
        /// Actions sent and not yet seen applied, by key, in the order sent.
        var outbox: [(key: String, line: ByteBuffer)] = []
        var attempt = 0
        var isStopping = false
    }

    /// The longest line the hub may send (a snapshot of a busy night is a few megabytes).
    static let lineCap = 256 << 20

    private let settings: Settings
    private let shared: Mutex<Shared>
    private let onReady: @Sendable () -> Void
    private let loop: EventLoop
    private let security: ClientSecurity?

    /// Connects, says hello and waits for the welcome and the snapshot (up to `timeoutSeconds`),
    /// so that a console starts on the hub's state or not at all; then keeps the link.
    public init(settings: Settings, timeoutSeconds: Double = 10, onReady: @escaping @Sendable () -> Void) throws(HubFailure) {
        self.settings = settings
        self.onReady = onReady
        loop = MultiThreadedEventLoopGroup.singleton.next()
        security = try ClientSecurity(settings.tls, for: settings.address)
        var status = LinkStatus(state: .reconnecting(attempt: 0, retryAt: 0, reason: "connecting"), hub: settings.address.description)
        status.security = if case .unix = settings.address { .local } else if settings.tls != nil { .tls } else { .plaintext }
        shared = Mutex(Shared(status: status))
        let started = loop.makePromise(of: Void.self)
        let address = settings.address
        loop.scheduleTask(in: .span(timeoutSeconds)) {
            started.fail(HubFailure("the hub at \(address) sent no state within \(Int(saturating: timeoutSeconds.rounded())) s"))
        }
        connect(timeoutSeconds: timeoutSeconds, starting: started)
        do {
            try started.futureResult.wait()
        } catch {
            stop()
            throw error as? HubFailure ?? HubFailure("cannot reach the hub at \(address): \(error)")
        }
    }

    /// The link's standing now.
    public var status: LinkStatus { shared.withLock { $0.status } }

    /// Everything that arrived since the last call, in order.
    public func take() -> [Item] {
        shared.withLock { state in
            defer { state.items = [] }
            return state.items
        }
    }

    /// Sends an operator's action with its idempotency key; kept until the hub applies it.
    public func send(_ event: BusEvent, key: String) {
        guard let line = try? ClientMessage.actionLine(event, key: key) else { return }
        let buffer = ByteBuffer(bytes: line)
        let channel = shared.withLock { state in
            state.outbox.append((key, buffer))
            return state.channel
        }
        channel?.writeAndFlush(buffer, promise: nil)
    }

    /// Actions sent and not yet applied by the hub.
    public var unconfirmed: Int { shared.withLock { $0.outbox.count } }

    /// Closes the link for good.
    public func stop() {
        let channel = shared.withLock { state in
            state.isStopping = true
            return state.channel
        }
        channel?.close(promise: nil)
    }

    // MARK: one connection

    /// Opens a connection and says hello; `starting` is the first connection's promise, kept
    /// until the snapshot arrives or the hub refuses.
    private func connect(timeoutSeconds: Double, starting: EventLoopPromise<Void>?) {
        let silence = TimeAmount.span(settings.silenceSeconds)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.span(timeoutSeconds))
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try security?.addHandler(to: channel)
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(LineFrameDecoder(cap: Self.lineCap)), IdleStateHandler(readTimeout: silence), LinkHandler(link: self, starting: starting))
                }
            }
        let hello = (try? ClientMessage.Hello(role: .console, name: settings.name, token: settings.token).line()) ?? []
        let address = settings.address
        bootstrap.connect(to: address).whenComplete { [self] result in
            switch result {
            case .success(let channel):
                channel.writeAndFlush(ByteBuffer(bytes: hello), promise: nil)
            case .failure(let error):
                guard let starting else { return lost(reason: "cannot reach the hub: \(error)") }
                starting.fail(HubFailure("cannot reach the hub at \(address): \(error)"))
            }
        }
    }

    fileprivate func handle(_ message: HubMessage, on channel: Channel, starting: EventLoopPromise<Void>?) {
        var arrived: Item?
        switch message {
        case .welcome(let welcome):
            let resend = shared.withLock { state in
                state.status.state = .connected
                state.status.connection = welcome.connection
                state.status.operatorName = welcome.operator
                state.status.role = welcome.role ?? .operator
                state.channel = channel
                state.attempt = 0
                return state.outbox.map(\.line)
            }
            for line in resend { channel.write(line, promise: nil) }
            channel.flush()
        case .snapshot(let state):
            arrived = .snapshot(state)
            starting?.succeed()
        case .envelope(let envelope):
            if let key = envelope.id { confirm(key) }
            arrived = .envelope(envelope)
        case .tick(let tick):
            shared.withLock { state in
                state.status.hubTime = tick.now
                state.status.hubTimeAt = MonotonicClock.now()
                state.status.rejected = tick.rejected
                state.status.consoles = tick.consoles
                state.status.room = tick.room
            }
        case .receipt(let receipt):
            confirm(receipt.key)
            if receipt.status == .refused { arrived = .notice("the hub refused an action: \(receipt.reason ?? "no reason given")") }
        case .error(let refusal):
            arrived = .notice("the hub refused line \(refusal.line): \(refusal.reason)")
        case .bye(let reason):
            guard reason.hasPrefix("refused") || reason.hasPrefix("protocol") else { break }
            shared.withLock { $0.status.state = .refused(reason: reason) }
            starting?.fail(HubFailure("the hub at \(settings.address) refused this console: \(reason)"))
            channel.close(promise: nil)
        }
        guard let arrived else { return }
        shared.withLock { $0.items.append(arrived) }
        onReady()
    }

    private func confirm(_ key: String) {
        shared.withLock { state in state.outbox.removeAll { $0.key == key } }
    }

    // MARK: staying connected

    /// The connection ended: the first one fails the start; later ones are retried with backoff
    /// unless the hub refused or the link was stopped.
    fileprivate func closed(starting: EventLoopPromise<Void>?, handshakeCompleted: Bool, sawTLS: Bool) {
        guard let starting else { return lost(reason: "link lost") }
        let reason = security?.reason(handshakeCompleted: handshakeCompleted)
            ?? (sawTLS ? "it speaks TLS on this port: attach with --ca CA.pem (or trust its CA system-wide)" : "it closed the link before sending its state")
        starting.fail(HubFailure("the hub at \(settings.address): \(reason)"))
    }

    private func lost(reason: String) {
        let delay: Double? = shared.withLock { state in
            state.channel = nil
            if state.isStopping { return nil }
            if case .refused = state.status.state { return nil }
            state.attempt += 1
            let delay = min(10, 0.5 * pow(2, Double(state.attempt - 1)))
            state.status.state = .reconnecting(attempt: state.attempt, retryAt: MonotonicClock.now() + delay, reason: reason)
            return delay
        }
        onReady()
        guard let delay else { return }
        loop.scheduleTask(in: .span(delay)) { [self] in
            if !shared.withLock({ $0.isStopping }) { connect(timeoutSeconds: 3, starting: nil) }
        }
    }
}

/// The channel end of a hub link: decodes each line the hub sends and hands it to the link.
private final class LinkHandler: ChannelInboundHandler {
    typealias InboundIn = LineFramer.Line

    private let link: HubLink
    private var starting: EventLoopPromise<Void>?
    private var handshakeCompleted = false
    /// The hub answered with a TLS record: a plaintext client on a TLS port.
    private var sawTLS = false

    init(link: HubLink, starting: EventLoopPromise<Void>?) {
        self.link = link
        self.starting = starting
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let bytes, _) = unwrapInboundIn(data) else { return }
        guard let message = try? HubMessage(line: bytes) else {
            // A TLS alert or handshake record where a line was expected.
            if let first = bytes.first, first == 0x15 || first == 0x16 { sawTLS = true }
            return
        }
        link.handle(message, on: context.channel, starting: starting)
        if case .snapshot = message { starting = nil }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent { return context.close(promise: nil) }
        if case TLSUserEvent.handshakeCompleted = event { handshakeCompleted = true }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        link.closed(starting: starting, handshakeCompleted: handshakeCompleted, sawTLS: sawTLS)
        starting = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
