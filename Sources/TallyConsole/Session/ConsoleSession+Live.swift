import TallyLive
import Foundation
import TallyBus
import TallyConfig
import TallyCore
import TallyScreen

extension ConsoleSession {
    /// `tally run`: the console on live monitors. Reads the run configuration (and the
    /// alerting and roster files it names, or those of the configuration folder), refusing to
    /// start on a mistake; keeps alerts in the store (`$XDG_STATE_HOME/tally/tally.sqlite`
    /// unless `storePath` is set), carrying on from what it holds; announces the events, starts
    /// the monitors, sends notifications through the configured notifiers, and records every
    /// envelope to `recordPath` when given (in parts when `rotation` is set).
    public static func live(configPath: String, recordPath: String?, rotation: Recorder.Rotation? = nil,
                            configure: (inout ConsoleOptions) -> Void = { _ in }) throws -> Ending {
        let live = try LiveRun(configPath: configPath, recordPath: recordPath, rotation: rotation, configure: configure)
        defer { live.sources.stop() }
        let notifications = live.notifications
        let session = try ConsoleSession(
            timeline: live.timeline, bus: live.bus, options: live.options,
            outlets: Outlets(recorder: live.recorder, notify: { notifications.enqueue($0) }), logger: live.logger)
        live.start()
        if let latest = live.options.handovers.latest() {
            // A console starting a shift shows the last one's handover until it is dismissed.
            session.send(.documentOpened(DocumentView(title: "Handover from the last shift", source: latest.path, markdown: latest.markdown)))
        }
        live.logger.info("live", metadata: [
            "config": "\(configPath)", "events": "\(live.run.events.count)", "feeds": "\(live.run.feeds.count)",
            "viewer sources": "\(live.run.viewers.count)", "store": "\(live.options.storePath ?? "")",
        ])
        return try session.run()
    }
}
