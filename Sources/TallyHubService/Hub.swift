import Foundation
import Logging
import ServiceLifecycle
import TallyBus
import TallyConfig
import TallyHub
import TallyLive
import TallyStore

/// `tally serve`: a hub with no screen that consoles attach to and sources ingest into.
public enum Hub {
    /// Runs the hub of the run configuration at `configPath` until SIGTERM or SIGINT, then stops
    /// in order (see `HubServices`) and returns. Throws before serving when the configuration
    /// has a mistake or a listener cannot be opened.
    /// `notificationDeadlineSeconds` is how long the notifications under way at the stop may take;
    /// `shared`, the room shared with other sites, in place of the configuration's `shared:`.
    public static func serve(configPath: String, recordPath: String?, rotation: Recorder.Rotation? = nil, settings: HubSettings,
                             notificationDeadlineSeconds: Double = 10, shared: SharedRoom? = nil,
                             configure: @Sendable (inout ConsoleOptions) -> Void = { _ in }) async throws {
        let live = try LiveRun(configPath: configPath, recordPath: recordPath, rotation: rotation, logName: "hub", configure: configure)
        let (logger, run, sources, notifications) = (live.logger, live.run, live.sources, live.notifications)
        // A shared room keeps its record in its log; a hub on its own, in its SQLite store.
        let room = try (shared ?? run.shared).map { shared throws(ConfigProblem) in try shared.resolved() }
        if room != nil, run.site == nil { throw ConfigProblem(file: configPath, line: 1, message: "site: a shared room needs site: naming this hub's site") }
        let storePath = live.options.storePath ?? StateDirectory.storePath()
        let store = try room == nil ? AlertStore.open(path: storePath) : nil
        // A site of a room keeps its operators' actions on disk beside where its store would be, until the room's log has them.
        let outbox = try room.map { _ throws(StoreError) in try ActionOutbox(path: (storePath as NSString).deletingLastPathComponent + "/room-outbox.sqlite") }
        for entry in store?.quarantined ?? [] { logger.error("store row quarantined", metadata: ["store": "\(store?.path ?? "")", "row": "\(entry)"]) }
        var settings = settings
        settings.site = run.site
        // The service owns the run from here: it lives on the server's loop.
        let server = try HubServer(settings: settings, core: try HubService(live: live, store: store, room: room, outbox: outbox), logger: logger)
        logger.info("hub serving", metadata: [
            "room": "\(room?.description ?? "none")",
            "config": "\(configPath)", "socket": "\(settings.socket?.description ?? "none")", "tcp": "\(settings.tcp?.description ?? "none")",
            "webhook": "\(settings.webhook?.description ?? "none")", "events": "\(run.events.count)", "feeds": "\(run.feeds.count)",
        ])
        let reason = StopReason()
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: CoreService(server: server)),
                .init(service: NotificationsService(queue: notifications, deadlineSeconds: notificationDeadlineSeconds, logger: logger)),
                .init(service: MonitorsService(sources: sources)),
                .init(service: ServingService(server: server, reason: reason)),
                .init(service: HubSignals(server: server, reason: reason, logger: logger), successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            logger: logger
        )
        // A backstop: whatever hangs, the hub exits this long after the signal.
        configuration.maximumGracefulShutdownDuration = .seconds(notificationDeadlineSeconds + 20)
        try await ServiceGroup(configuration: configuration).run()
        logger.notice("hub stopped", metadata: ["reason": "\(reason.text)"])
    }
}
