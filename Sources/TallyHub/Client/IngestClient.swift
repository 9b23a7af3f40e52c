import Glibc

/// `tally ingest`: sends JSON lines from a descriptor (stdin) to a hub as bus events, and
/// reports each line the hub refuses with its number and reason. Reading, sending and
/// hearing back are interleaved in one `poll` loop, so a long input never deadlocks.
public enum IngestClient {
    public struct Summary: Sendable, Equatable {
        /// The hub's closing word ("accepted 12, refused 1"), or why the link ended early.
        public var closing: String
        public var refused: Int
    }

    public static func run(address: HubAddress, token: String?, input: Int32 = STDIN_FILENO,
                           report: (HubMessage.Refusal) -> Void) throws -> Summary {
        let socket: Int32
        do {
            socket = try Sockets.connect(to: address, timeoutSeconds: 5)
        } catch {
            throw HubLink.Failure(description: "cannot reach the hub at \(address): \(error)")
        }
        defer { close(socket) }
        var toSend = try ClientMessage.Hello(role: .ingest, token: token).line()
        var received: [UInt8] = []
        var isInputOpen = true, isHalfClosed = false, refused = 0
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            var descriptors = [pollfd(fd: socket, events: Int16(POLLIN) | (toSend.isEmpty ? 0 : Int16(POLLOUT)), revents: 0),
                               pollfd(fd: isInputOpen && toSend.count < 1 << 20 ? input : -1, events: Int16(POLLIN), revents: 0)]
            guard poll(&descriptors, 2, -1) >= 0 || errno == EINTR else { throw SystemCallError("poll") }
            if descriptors[1].revents != 0 {
                let count = read(input, &buffer, buffer.count)
                if count > 0 { toSend += buffer[0..<count] } else if count == 0 || errno != EAGAIN { isInputOpen = false }
            }
            if descriptors[0].revents & Int16(POLLOUT) != 0, !toSend.isEmpty {
                let sent = toSend.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent > 0 { toSend.removeFirst(sent) } else if errno != EAGAIN && errno != EINTR {
                    return Summary(closing: "the hub closed the connection", refused: refused)
                }
            }
            if !isInputOpen, toSend.isEmpty, !isHalfClosed {
                shutdown(socket, Int32(SHUT_WR))
                isHalfClosed = true
            }
            guard descriptors[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count < 0, errno == EAGAIN || errno == EINTR { continue }
            guard count > 0 else { return Summary(closing: "the hub closed the connection", refused: refused) }
            received += buffer[0..<count]
            while let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
                let line = received[..<newline]
                received.removeFirst(newline + 1)
                switch try? HubMessage(line: line) {
                case .error(let refusal)?:
                    refused += 1
                    report(refusal)
                case .bye(let reason)?:
                    return Summary(closing: reason, refused: refused)
                default:
                    continue
                }
            }
        }
    }
}
