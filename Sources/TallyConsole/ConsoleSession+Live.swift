import Foundation
import TallyBus
import TallyConfig
import TallyCore
import TallyNotify
import TallyScreen

extension ConsoleSession {
    /// `tally run`: the console on live monitors. Reads the run configuration (and the
    /// alerting and roster files it names, or those of the configuration folder), refusing to
    /// start on a mistake; keeps alerts in the store (`$XDG_STATE_HOME/tally/tally.sqlite`
    /// unless `storePath` is set), carrying on from what it holds; announces the events, starts
    /// the monitors, sends notifications through the configured notifiers, and records every
    /// envelope to `recordPath` when given.
    public static func live(configPath: String, recordPath: String?, configure: (inout ConsoleOptions) -> Void = { _ in }) throws -> Ending {
        let environment = ProcessInfo.processInfo.environment
        let run = try RunConfig.load(path: configPath)
        for named in [run.alertingPath, run.rosterPath].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: named) {
            throw ConfigProblem(file: named, line: 1, message: "no such file (named in \(configPath))")
        }
        var options = ConsoleOptions.from(environment: environment)
        configure(&options)
        let folder = options.configDirectory ?? ConsoleConfig.directory(environment: environment)
        options.config = ConsoleConfig.load(alertingPath: run.alertingPath ?? folder + "/alerting.yaml",
                                            rosterPath: run.rosterPath ?? folder + "/roster.yaml")
        if let problem = options.config.problems.first { throw problem }
        options.storePath = options.storePath ?? StateDirectory.storePath(environment: environment)
        options.runbooks = run.runbooks
        options.site = run.site
        let recorder = try recordPath.map { path in
            try RecordingWriter(path: path, header: RecordingHeader(started: WallClock.now(), meta: ["config": configPath, "site": run.site ?? ""]))
        }
        let logger = try ConsoleLogging.start(environment: environment)
        let bus = Bus()
        let dispatcher = NotificationDispatcher(notifiers: options.config.alerting.notifiers, roster: options.config.roster) { event in
            bus.publish(event, at: WallClock.now(), source: "notifier", site: run.site)
        }
        let notifications = NotificationQueue(dispatcher: dispatcher)
        var timeline = LiveTimeline(events: run.events, watching: configPath)
        let sources = LiveSources(clock: WallClock.now) { event, instant in
            bus.publish(event, at: instant, source: "monitor", site: run.site)
        }
        defer { sources.stop() }
        timeline.onReload = { sources.update($0) }
        let session = try ConsoleSession(
            timeline: timeline, bus: bus, options: options,
            outlets: Outlets(recorder: recorder, notify: { notifications.enqueue($0) }), logger: logger)
        let now = WallClock.now()
        for event in run.events { bus.publish(.eventScheduled(event), at: now, source: "scheduler", site: run.site) }
        sources.update(run)
        if let latest = options.handovers.latest() {
            // A console starting a shift shows the last one's handover until it is dismissed.
            session.view.overlay = .document(DocumentView(title: "Handover from the last shift", source: latest.path, markdown: latest.markdown))
        }
        logger.info("live", metadata: ["config": "\(configPath)", "events": "\(run.events.count)", "feeds": "\(run.feeds.count)",
                                       "viewer sources": "\(run.viewers.count)", "store": "\(options.storePath ?? "")"])
        return try session.run()
    }
}
