import Glibc

/// A system call that failed, with what it was doing and the system's reason.
public struct SystemCallError: Error, CustomStringConvertible, Equatable {
    public var description: String

    /// Describes the failure of `call` from the current `errno`.
    public init(_ call: String) {
        description = "\(call): \(String(cString: strerror(errno)))"
    }

    public init(message: String) {
        description = message
    }
}

/// Small helpers for raw descriptors.
enum Descriptor {
    /// Non-blocking and closed on exec.
    static func configure(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }
}
