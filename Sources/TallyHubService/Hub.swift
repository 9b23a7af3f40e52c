import Foundation
import Glibc
import TallyBus
import TallyHub
import TallyLive
import TallyStore

/// `tally serve`: a hub with no screen that consoles attach to and sources ingest into.
public enum Hub {
    /// Runs the hub of the run configuration at `configPath` until SIGTERM or SIGINT, then
    /// closes every connection and the socket. Throws before serving when the configuration has a mistake or
    /// a listener cannot be opened.
    public static func serve(configPath: String, recordPath: String?, rotation: Recorder.Rotation? = nil, settings: HubSettings,
                             configure: @Sendable (inout ConsoleOptions) -> Void = { _ in }) throws {
        let live = try LiveRun(configPath: configPath, recordPath: recordPath, rotation: rotation, logName: "hub", configure: configure)
        let (logger, run) = (live.logger, live.run)
        let store = try AlertStore.open(path: live.options.storePath ?? StateDirectory.storePath())
        for entry in store.quarantined { logger.error("store row quarantined", metadata: ["store": "\(store.path ?? "")", "row": "\(entry)"]) }
        var settings = settings
        settings.site = run.site
        // The service owns the run from here: it lives on the server's loop.
        let server = try HubServer(settings: settings, core: try HubService(live: live, store: store), logger: logger)
        logger.info("hub serving", metadata: [
            "config": "\(configPath)", "socket": "\(settings.socket?.description ?? "none")", "tcp": "\(settings.tcp?.description ?? "none")",
            "webhook": "\(settings.webhook?.description ?? "none")", "events": "\(run.events.count)", "feeds": "\(run.feeds.count)",
        ])
        let reason = server.run()
        logger.notice("hub stopped", metadata: ["reason": "\(reason)"])
    }
}
