import Foundation
import Glibc

/// A tiny HTTP server on 127.0.0.1 for notifier tests: it answers each request as told (a
/// status, silence, or a closed connection) and keeps every request body it read.
final class LocalHTTPServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        case status(Int)
        case neverAnswer
        case closeConnection
    }

    let port: UInt16
    private let listener: Int32
    private var behaviour: Behaviour
    private let lock = NSLock()
    private var bodies: [Data] = []
    private var held: [Int32] = []

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)/v2/enqueue" }

    /// The JSON bodies received so far.
    var requests: [[String: Any]] {
        lock.withLock { bodies }.compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    /// Answers later requests differently.
    func answer(_ behaviour: Behaviour) { lock.withLock { self.behaviour = behaviour } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        lock.withLock { held }.forEach { close($0) }
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            guard let body = readRequest(connection) else { close(connection); continue }
            lock.withLock { bodies.append(body) }
            switch lock.withLock({ behaviour }) {
            case .status(let code):
                let reply = "{\"status\":\"\(code)\"}"
                let response = "HTTP/1.1 \(code) X\r\nContent-Type: application/json\r\nContent-Length: \(reply.utf8.count)\r\nConnection: close\r\n\r\n\(reply)"
                _ = response.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                close(connection)
            case .neverAnswer:
                lock.withLock { held.append(connection) }
            case .closeConnection:
                close(connection)
            }
        }
    }

    /// Reads the head and a Content-Length body.
    private func readRequest(_ connection: Int32) -> Data? {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let headEnd = received.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count - headEnd.upperBound >= length {
                    return received.subdata(in: headEnd.upperBound..<(headEnd.upperBound + length))
                }
            }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            received.append(contentsOf: buffer[0..<count])
        }
    }
}
