import NIOCore
import TallyBus
import TallyCore

/// One line client of the hub (a console or an ingest source), as the server sees it: how it
/// came in, who it is, its standing, and the bytes on their way out. Lives on the server's
/// event loop only.
///
/// Output is held here, in front of the channel, and handed to the channel only while the
/// channel is writable (below its high-water mark), so that what waits for a slow console is
/// whole lines the server can drop at once when the console falls behind.
final class HubConnection {
    enum Transport: Equatable {
        case unix(PeerCredentials?)
        case tcp
        case tls
    }

    enum Role: Equatable {
        case awaitingHello
        case console
        case ingest
    }

    /// Came over TCP (with or without TLS): it must present the token.
    var isNetwork: Bool {
        if case .unix = transport { false } else { true }
    }

    let channel: Channel
    let number: Int
    let transport: Transport
    let openedAt: Double
    var role = Role.awaitingHello
    /// The operator this connection acts as, once known.
    var operatorName = ""
    /// How the connection appears in the audit trail.
    var label: String
    /// What this connection may do: an operator's on the Unix socket, its token's on TCP.
    var access = AccessRole.operator
    /// The token it presented, by name, for the audit trail.
    var tokenName: String?
    var limiter = IngestRateLimit()
    var actionLimiter = IngestRateLimit()
    /// Lines read since the hello, for numbering refusals as the sender counts them.
    var lineNumber = 0
    var accepted = 0
    var refused = 0
    /// Since when the channel has taken nothing with lines still waiting here; nil while it keeps up.
    var blockedSince: Double?
    /// Bytes gone out of the channel onto the socket at the last look, to tell whether any went since.
    private var lastGone = 0
    /// Fell behind: its backlog was dropped and it gets a fresh snapshot once it drains.
    var needsSnapshot = false
    /// Sending what is queued, then closing; nothing more is read.
    private(set) var isClosing = false
    private(set) var sentBytes = 0
    private var queue = CircularBuffer<ByteBuffer>()
    private(set) var pendingBytes = 0
    private var lastWrite: EventLoopFuture<Void>?

    /// The address a TCP client came from (`127.0.0.1:51234`).
    let peer: String?

    init(channel: Channel, number: Int, transport: Transport, openedAt: Double) {
        self.channel = channel
        self.number = number
        self.transport = transport
        self.openedAt = openedAt
        peer = channel.remoteAddress.flatMap(Self.describe)
        switch transport {
        case .unix(let credentials):
            operatorName = credentials?.userName ?? "unknown"
            label = "unix:\(operatorName)" + (credentials.map { " pid \($0.pid)" } ?? "") + " #\(number)"
        case .tcp, .tls:
            label = "\(transport == .tls ? "tls" : "tcp"):\(peer ?? "?") #\(number)"
        }
    }

    /// Queues `buffer` (shared, not copied, when the same batch goes to fifty consoles) and
    /// writes what the channel takes.
    func send(_ buffer: ByteBuffer) {
        guard channel.isActive, buffer.readableBytes > 0 else { return }
        queue.append(buffer)
        pendingBytes += buffer.readableBytes
        flush()
    }

    /// Hands queued lines to the channel while it is writable.
    func flush(now: Double = MonotonicClock.now()) {
        guard channel.isActive else { return }
        var wrote = false
        while channel.isWritable, let next = queue.popFirst() {
            pendingBytes -= next.readableBytes
            sentBytes += next.readableBytes
            lastWrite = channel.write(next)
            wrote = true
        }
        if wrote { channel.flush() }
        if queue.isEmpty {
            blockedSince = nil
            if isClosing { closeAfterWrites() }
        } else if blockedSince == nil {
            blockedSince = now
        }
    }

    /// Moves `blockedSince` on when the socket has taken any byte since the last look: the
    /// stall is counted from the last moment anything went out, however little.
    func noteProgress(now: Double = MonotonicClock.now()) {
        guard blockedSince != nil, let buffered = try? channel.syncOptions?.getOption(.bufferedWritableBytes) else { return }
        let gone = sentBytes - buffered
        if gone > lastGone { blockedSince = now }
        lastGone = gone
    }

    /// Forgets every line not yet handed to the channel; returns the bytes dropped.
    func dropUnsent() -> Int {
        defer {
            queue.removeAll()
            pendingBytes = 0
        }
        return pendingBytes
    }

    /// Whether nothing waits here and the channel takes more.
    var isDrained: Bool { queue.isEmpty && channel.isWritable }

    /// Sends what is queued, then closes.
    func finish() {
        guard !isClosing else { return }
        isClosing = true
        flush()
    }

    private func closeAfterWrites() {
        let channel = channel
        guard let lastWrite else { return channel.close(promise: nil) }
        lastWrite.whenComplete { _ in channel.close(promise: nil) }
    }

    private static func describe(_ address: SocketAddress) -> String? {
        guard let ip = address.ipAddress, let port = address.port else { return nil }
        return (ip.contains(":") ? "[\(ip)]" : ip) + ":\(port)"
    }
}
