import Foundation
import Glibc

/// The socket calls the hub and its clients make: listening, accepting and connecting, on
/// Unix domain sockets and TCP, every descriptor non-blocking and closed on exec.
public enum Sockets {
    /// A listening socket at `address`. A Unix socket is created with `mode` (0660: owner and
    /// group may connect) in a folder made for it if missing; a stale socket file left by a
    /// hub that died is replaced, a live one is refused.
    public static func listen(on address: HubAddress, mode: mode_t = 0o660) throws(SystemCallError) -> Int32 {
        switch address {
        case .unix(let path):
            return try listenUnix(path: path, mode: mode)
        case .tcp(let host, let port):
            return try withAddress(host: host, port: port, passive: true) { family, pointer, length throws(SystemCallError) in
                let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
                guard descriptor >= 0 else { throw SystemCallError("socket") }
                var yes: Int32 = 1
                setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
                guard bind(descriptor, pointer, length) == 0, Glibc.listen(descriptor, 128) == 0 else {
                    let error = SystemCallError("bind \(address)")
                    close(descriptor)
                    throw error
                }
                Descriptor.configure(descriptor)
                return descriptor
            }
        }
    }

    private static func listenUnix(path: String, mode: mode_t) throws(SystemCallError) -> Int32 {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            guard mkdir(folder, 0o750) == 0 || errno == EEXIST else { throw SystemCallError("mkdir \(folder)") }
        }
        if FileManager.default.fileExists(atPath: path) {
            if let live = try? connect(to: .unix(path: path), timeoutSeconds: 1) {
                close(live)
                throw SystemCallError(message: "a hub is already listening on \(path)")
            }
            unlink(path)
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SystemCallError("socket") }
        let bound = try withUnixAddress(path) { pointer, length in bind(descriptor, pointer, length) }
        guard bound == 0, chmod(path, mode) == 0, Glibc.listen(descriptor, 128) == 0 else {
            let error = SystemCallError("bind \(path)")
            close(descriptor)
            throw error
        }
        Descriptor.configure(descriptor)
        return descriptor
    }

    /// The port a TCP socket is bound to (the one the system chose for port 0).
    public static func localPort(of descriptor: Int32) -> UInt16? {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let found = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard found == 0 else { return nil }
        let family = Int32(address.ss_family)
        return withUnsafePointer(to: &address) { pointer -> UInt16? in
            switch family {
            case AF_INET: pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            case AF_INET6: pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            default: nil
            }
        }
    }

    /// The numeric address and port at the other end of a TCP socket; nil for a Unix socket.
    public static func peerAddress(of descriptor: Int32) -> String? {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST)), service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let found = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Bool in
                guard getpeername(descriptor, raw, &length) == 0, raw.pointee.sa_family != sa_family_t(AF_UNIX) else { return false }
                return getnameinfo(raw, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV) == 0
            }
        }
        guard found else { return nil }
        let text = { (bytes: [CChar]) in String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        let name = text(host)
        return (name.contains(":") ? "[\(name)]" : name) + ":" + text(service)
    }

    /// Accepts one waiting connection; nil when none is waiting.
    public static func accept(from listener: Int32) -> Int32? {
        let descriptor = Glibc.accept(listener, nil, nil)
        guard descriptor >= 0 else { return nil }
        Descriptor.configure(descriptor)
        return descriptor
    }

    /// A connected, non-blocking socket to `address`, or the reason there is none within the timeout.
    public static func connect(to address: HubAddress, timeoutSeconds: Double) throws(SystemCallError) -> Int32 {
        switch address {
        case .unix(let path):
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw SystemCallError("socket") }
            Descriptor.configure(descriptor)
            let result = try withUnixAddress(path) { pointer, length in Glibc.connect(descriptor, pointer, length) }
            return try finishConnect(descriptor, result: result, to: address, timeoutSeconds: timeoutSeconds)
        case .tcp(let host, let port):
            return try withAddress(host: host, port: port, passive: false) { family, pointer, length throws(SystemCallError) in
                let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
                guard descriptor >= 0 else { throw SystemCallError("socket") }
                Descriptor.configure(descriptor)
                var yes: Int32 = 1
                setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
                let result = Glibc.connect(descriptor, pointer, length)
                return try finishConnect(descriptor, result: result, to: address, timeoutSeconds: timeoutSeconds)
            }
        }
    }

    private static func finishConnect(_ descriptor: Int32, result: Int32, to address: HubAddress,
                                      timeoutSeconds: Double) throws(SystemCallError) -> Int32 {
        if result == 0 { return descriptor }
        guard errno == EINPROGRESS || errno == EAGAIN else {
            let error = SystemCallError("connect \(address)")
            close(descriptor)
            throw error
        }
        var waiting = [pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)]
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if poll(&waiting, 1, Int32(timeoutSeconds * 1000)) == 1 {
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
            if failure == 0 { return descriptor }
        } else {
            failure = ETIMEDOUT
        }
        close(descriptor)
        errno = failure
        throw SystemCallError("connect \(address)")
    }

    private static func withUnixAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) throws(SystemCallError) -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            throw SystemCallError(message: "socket path longer than \(capacity - 1) bytes: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    private static func withAddress<T>(host: String, port: UInt16, passive: Bool,
                                       _ body: (Int32, UnsafePointer<sockaddr>, socklen_t) throws(SystemCallError) -> T) throws(SystemCallError) -> T {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found, let address = first.pointee.ai_addr else {
            throw SystemCallError(message: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(found) }
        return try body(first.pointee.ai_family, address, first.pointee.ai_addrlen)
    }
}
