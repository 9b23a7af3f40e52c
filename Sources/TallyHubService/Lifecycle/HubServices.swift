import Logging
import ServiceLifecycle
import TallyHub
import TallyLive
import TallyNotify

// The parts of `tally serve`, in the order they start. The service group stops them in the
// reverse order, each once the one after it has returned: the server stops accepting and
// says bye, the monitors stop, the notifications still under way get their deadline, and
// last the core takes its final turn and closes the recording and the store.

/// The core on the server's event loop: it turns until the orderly stop, then takes a last
/// turn (so that the notifications' outcomes are stored), flushes the recording and closes
/// the store.
struct CoreService: Service {
    let server: HubServer

    func run() async {
        try? await gracefulShutdown()
        try? await server.close().get()
    }
}

/// The notifications under way at the stop: given `deadlineSeconds` to be delivered or given
/// up on; any still pending after that is cancelled, each saying so in the audit trail.
struct NotificationsService: Service {
    let queue: NotificationQueue
    let deadlineSeconds: Double
    let logger: Logger

    func run() async {
        try? await gracefulShutdown()
        if await !queue.drain(within: deadlineSeconds) {
            logger.warning("notifications still under way at the deadline were not sent", metadata: ["deadline seconds": "\(deadlineSeconds)"])
        }
    }
}

/// The feed monitors and viewer pollers (started with the core's first turn): stopped so that
/// nothing new arrives while the rest winds down.
struct MonitorsService: Service {
    let sources: LiveSources

    func run() async {
        try? await gracefulShutdown()
        sources.stop()
    }
}

/// The server's listeners and clients: at the stop it accepts no one more, says `bye` with
/// the reason to every client, and returns once they have gone.
struct ServingService: Service {
    let server: HubServer
    let reason: StopReason

    func run() async {
        try? await gracefulShutdown()
        try? await server.stopServing(reason: reason.text).get()
    }
}
