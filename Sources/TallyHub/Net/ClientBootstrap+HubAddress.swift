import NIOCore
import NIOPosix

extension ClientBootstrap {
    /// Connects to a hub's Unix socket or TCP address.
    func connect(to address: HubAddress) -> EventLoopFuture<Channel> {
        switch address {
        case .unix(let path): connect(unixDomainSocketPath: path)
        case .tcp(let host, let port): connect(host: host, port: Int(port))
        }
    }
}
