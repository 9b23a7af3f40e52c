import Foundation
import NIOCore
import NIOPosix

/// Opening the hub's listening sockets: a Unix socket with its permissions, TCP with its
/// address reused, each failure as one line for the operator.
enum Listeners {
    /// Binds `bootstrap` at `address`. A Unix socket is created with mode 0660 (owner and group
    /// may connect) in a folder made for it (0750) if missing; a stale socket file left by a
    /// hub that died is replaced, a live one is refused.
    static func bind(_ bootstrap: ServerBootstrap, at address: HubAddress, group: EventLoopGroup) throws(HubFailure) -> Channel {
        switch address {
        case .unix(let path):
            try prepareSocketFile(path, group: group)
            let channel = try attempt("listen on \(path)") { try bootstrap.bind(unixDomainSocketPath: path).wait() }
            do {
                try FileManager.default.setAttributes([.posixPermissions: 0o660], ofItemAtPath: path)
            } catch {
                channel.close(promise: nil)
                throw HubFailure("cannot set the permissions of \(path): \(error.localizedDescription)")
            }
            return channel
        case .tcp(let host, let port):
            return try attempt("listen on \(address)") {
                try bootstrap.serverChannelOption(.socketOption(.so_reuseaddr), value: 1).bind(host: host, port: Int(port)).wait()
            }
        }
    }

    private static func prepareSocketFile(_ path: String, group: EventLoopGroup) throws(HubFailure) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try attempt("make the socket folder \(folder)") {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            }
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        let probe = ClientBootstrap(group: group).connectTimeout(.seconds(1)).connect(unixDomainSocketPath: path)
        if let live = try? probe.wait() {
            live.close(promise: nil)
            throw HubFailure("a hub is already listening on \(path)")
        }
        try attempt("remove the stale socket \(path)") { try FileManager.default.removeItem(atPath: path) }
    }

    private static func attempt<T>(_ what: String, _ body: () throws -> T) throws(HubFailure) -> T {
        do {
            return try body()
        } catch {
            throw HubFailure("cannot \(what): \(error)")
        }
    }
}
