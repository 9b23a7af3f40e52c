import Glibc
import NIOCore

/// Who is at the other end of a Unix socket, as the kernel says (`SO_PEERCRED`), never as
/// the client claims: the operator identity of a local console.
public struct PeerCredentials: Sendable, Equatable {
    public var uid: uid_t
    public var pid: pid_t
    /// The account name of `uid`, or the number when it has none.
    public var userName: String

    /// The credentials of the peer of `channel`; nil for a socket without them (TCP).
    static func of(_ channel: Channel) -> EventLoopFuture<PeerCredentials?> {
        guard let provider = channel as? SocketOptionProvider else { return channel.eventLoop.makeSucceededFuture(nil) }
        let read: EventLoopFuture<KernelCredentials> = provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SO_PEERCRED)
        return read.map { credentials in
            credentials.pid > 0 ? PeerCredentials(uid: credentials.uid, pid: credentials.pid, userName: userName(of: credentials.uid)) : nil
        }.recover { _ in nil }
    }

    static func userName(of uid: uid_t) -> String {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &found) == 0, found != nil, let name = entry.pw_name else { return "uid\(uid)" }
        return String(cString: name)
    }
}

/// Linux's `struct ucred`, which Glibc's module hides behind `_GNU_SOURCE`.
private struct KernelCredentials: Sendable {
    var pid: pid_t = 0
    var uid: uid_t = 0
    var gid: gid_t = 0
}
