import Logging
import ServiceLifecycle
import Synchronization
import TallyHub
import UnixSignals

/// Why the hub is stopping, as its clients are told.
final class StopReason: Sendable {
    private let reason = Mutex("hub stopping")

    var text: String { reason.withLock { $0 } }

    func set(_ text: String) { reason.withLock { $0 = text } }
}

/// The signals a hub answers. SIGTERM or SIGINT ends this service, which starts the service
/// group's orderly stop; SIGHUP or SIGUSR1 reads the configuration again, as a daemon does
/// (there is no terminal to lose).
struct HubSignals: Service {
    let server: HubServer
    let reason: StopReason
    let logger: Logger

    func run() async {
        for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint, .sighup, .sigusr1).cancelOnGracefulShutdown() {
            switch signal {
            case .sighup, .sigusr1:
                logger.notice("reading the configuration again", metadata: ["signal": "\(signal)"])
                server.reload()
            default:
                reason.set("hub stopping (\(signal))")
                logger.notice("hub stopping", metadata: ["signal": "\(signal)"])
                return
            }
        }
    }
}
