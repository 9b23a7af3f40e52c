import Glibc

/// One client of the hub, as the server sees it: how it came in, who it is, the bytes on
/// their way in and out, and its standing (waiting for hello, console, ingest, webhook).
final class HubConnection {
    enum Transport: Equatable {
        case unix(PeerCredentials?)
        case tcp
        case http
    }

    enum Role: Equatable {
        case awaitingHello
        case console
        case ingest
        case webhook
    }

    let descriptor: Int32
    let number: Int
    let transport: Transport
    let openedAt: Double
    var role: Role
    /// The operator this connection acts as, once known.
    var operatorName = ""
    /// How the connection appears in the audit trail.
    var label: String
    var framer = LineFramer(cap: 64 << 10)
    var http: HTTPRequestReader?
    var output = OutputQueue()
    var limiter = IngestRateLimit()
    /// Lines read so far, for numbering refusals.
    var lineNumber = 0
    var accepted = 0
    var refused = 0
    /// When the socket last refused more with bytes still waiting; nil while it keeps up.
    var blockedSince: Double?
    /// Fell behind: its backlog was dropped and it gets a fresh snapshot once it drains.
    var needsSnapshot = false
    /// Write what is queued, then close.
    var isClosing = false
    var isGone = false

    /// The address a TCP client came from (`127.0.0.1:51234`).
    let peer: String?

    init(descriptor: Int32, number: Int, transport: Transport, openedAt: Double, peer: String?) {
        self.peer = peer
        self.descriptor = descriptor
        self.number = number
        self.transport = transport
        self.openedAt = openedAt
        switch transport {
        case .unix(let peer):
            operatorName = peer?.userName ?? "unknown"
            label = "unix:\(operatorName)" + (peer.map { " pid \($0.pid)" } ?? "") + " #\(number)"
            role = .awaitingHello
        case .tcp:
            label = "tcp:\(peer ?? "?") #\(number)"
            role = .awaitingHello
        case .http:
            label = "http:\(peer ?? "?") #\(number)"
            role = .webhook
            http = HTTPRequestReader(bodyCap: AlertmanagerWebhook.byteCap)
        }
    }

    func send(_ bytes: [UInt8]) {
        guard !isGone else { return }
        output.append(bytes)
    }

    func close() {
        guard !isGone else { return }
        isGone = true
        Glibc.close(descriptor)
    }
}
