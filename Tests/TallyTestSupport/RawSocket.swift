import Glibc

/// A client socket made by hand, for tests and benchmarks that speak to the hub as a raw peer
/// would: it shares no code with the hub's own networking, so what it sees is what is on the wire.
public enum RawSocket {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A connected, non-blocking socket to the Unix socket at `path`.
    public static func connect(unixPath path: String) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw Failure(description: "socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return try finish(descriptor, connected: connected, to: path)
    }

    /// A connected, non-blocking socket to TCP `host:port`.
    public static func connect(host: String, port: UInt16) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { throw Failure(description: "cannot resolve \(host)") }
        defer { freeaddrinfo(found) }
        let descriptor = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        return try finish(descriptor, connected: Glibc.connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen), to: "\(host):\(port)")
    }

    private static func finish(_ descriptor: Int32, connected: Int32, to peer: String) throws -> Int32 {
        guard descriptor >= 0, connected == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw Failure(description: "connect \(peer): \(reason)")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        return descriptor
    }

    /// Writes every byte, waiting up to `timeoutSeconds` each time the socket is full; false when the peer is gone or stuck.
    @discardableResult
    public static func sendAll(_ bytes: [UInt8], to descriptor: Int32, timeoutSeconds: Double = 5) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
                continue
            }
            guard errno == EAGAIN || errno == EINTR else { return false }
            var waiting = [pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)]
            guard poll(&waiting, 1, Int32(timeoutSeconds * 1000)) > 0 else { return false }
        }
        return true
    }
}
