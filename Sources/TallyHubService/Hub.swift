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
                             configure: (inout ConsoleOptions) -> Void = { _ in }) throws {
        let live = try LiveRun(configPath: configPath, recordPath: recordPath, rotation: rotation, logName: "hub", configure: configure)
        defer { live.sources.stop() }
        let store = try AlertStore.open(path: live.options.storePath ?? StateDirectory.storePath())
        for entry in store.quarantined { live.logger.error("store row quarantined", metadata: ["store": "\(store.path ?? "")", "row": "\(entry)"]) }
        let service = try HubService(live: live, store: store)
        var settings = settings
        settings.site = live.run.site
        let server = try HubServer(settings: settings, core: service, wake: service.wake, logger: live.logger)
        live.start()
        live.logger.info("hub serving", metadata: [
            "config": "\(configPath)", "socket": "\(settings.socket?.description ?? "none")", "tcp": "\(settings.tcp?.description ?? "none")",
            "webhook": "\(settings.webhook?.description ?? "none")", "events": "\(live.run.events.count)", "feeds": "\(live.run.feeds.count)",
        ])
        server.run()
        live.logger.notice("hub stopped", metadata: ["signal": "\(service.stoppedBy.map { String(cString: strsignal($0)) } ?? "none")"])
    }
}
