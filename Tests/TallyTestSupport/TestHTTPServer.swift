import Foundation
import Glibc

/// An HTTP server on 127.0.0.1 for tests of monitors and notifiers: a handler decides each
/// answer (a body, a status, silence, a closed connection, a trickle) and every request body
/// is kept; one thread per connection.
public final class TestHTTPServer: @unchecked Sendable {
    public enum Answer: Sendable {
        case body(status: Int, contentType: String, bytes: [UInt8])
        case neverAnswer
        case closeConnection
        /// The body one byte at a time, `delay` seconds apart.
        case trickle(bytes: [UInt8], delay: Double)
        /// These bytes as they are, once the request is read, then the connection closed: an
        /// answer that breaks HTTP.
        case raw([UInt8])
    }

    public let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (String) -> Answer
    /// Bytes sent as soon as a client connects, before reading anything (a server that does
    /// not speak the client's protocol).
    public var greeting: [UInt8]?
    private let lock = NSLock()
    private var open: [Int32] = []
    private var bodies: [[UInt8]] = []

    public init(handler: @escaping @Sendable (String) -> Answer) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 128) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    /// Serves the files of `folder` (404 for anything missing).
    public static func files(in folder: URL) throws -> TestHTTPServer {
        try TestHTTPServer { path in
            let name = String(path.split(separator: "?").first ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard !name.contains(".."), let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else {
                return .body(status: 404, contentType: "text/plain", bytes: Array("not found".utf8))
            }
            return .body(status: 200, contentType: name.hasSuffix(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t", bytes: Array(data))
        }
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// The JSON bodies of the requests received so far.
    public var jsonRequests: [[String: Any]] {
        lock.withLock { bodies }.compactMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
    }

    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in lock.withLock({ open }) { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            lock.withLock { open.append(connection) }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            lock.withLock { open.removeAll { $0 == connection } }
            close(connection)
        }
        if let greeting {
            send(connection, greeting)
            return
        }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.firstRange(of: Array("\r\n\r\n".utf8)) == nil {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            received += buffer[0..<count]
        }
        let headEnd = received.firstRange(of: Array("\r\n\r\n".utf8))!.upperBound
        let head = String(decoding: received[..<headEnd], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
        while received.count - headEnd < length {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            received += buffer[0..<count]
        }
        if length > 0 { lock.withLock { bodies.append(Array(received[headEnd..<(headEnd + length)])) } }
        let requestLine = String(decoding: received.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        let path = requestLine.count > 1 ? String(requestLine[1]) : "/"
        switch handler(path) {
        case .body(let status, let type, let bytes):
            send(connection, Array("HTTP/1.1 \(status) X\r\nContent-Type: \(type)\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n".utf8) + bytes)
        case .neverAnswer:
            var hold = [UInt8](repeating: 0, count: 16)
            _ = recv(connection, &hold, hold.count, 0)
        case .closeConnection:
            return
        case .raw(let bytes):
            send(connection, bytes)
        case .trickle(let bytes, let delay):
            send(connection, Array("HTTP/1.1 200 OK\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n".utf8))
            for byte in bytes {
                guard send(connection, [byte]) else { return }
                usleep(UInt32(delay * 1_000_000))
            }
        }
    }

    @discardableResult
    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}

/// An answer a test changes as it goes: `TestHTTPServer { _ in answers.current }`.
public final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var answer: TestHTTPServer.Answer

    public init(_ answer: TestHTTPServer.Answer) {
        self.answer = answer
    }

    public func set(_ answer: TestHTTPServer.Answer) { lock.withLock { self.answer = answer } }
    public var current: TestHTTPServer.Answer { lock.withLock { answer } }
}
