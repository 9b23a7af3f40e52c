import Foundation
import Logging
import TallyBus
import TallyConfig
import TallyCore
import TallyNotify

/// What a live run needs before it starts, the same for a console (`tally run`) and a hub
/// (`tally serve`): the run configuration (and the alerting and roster files it names, or
/// those of the configuration folder), refused on a mistake; the store path
/// (`$XDG_STATE_HOME/tally/tally.sqlite` unless set); the recording; the bus, with the
/// configured notifiers and the monitors publishing onto it; and the scheduler's timeline.
public struct LiveRun {
    public let run: RunConfig
    public var options: ConsoleOptions
    public let recorder: Recorder?
    public let logger: Logger
    public let bus: Bus
    public let notifications: TallyNotify.NotificationQueue
    public var timeline: LiveTimeline
    public let sources: LiveSources

    public init(configPath: String, recordPath: String?, rotation: Recorder.Rotation? = nil, logName: String = "tally",
         configure: (inout ConsoleOptions) -> Void) throws {
        let environment = ProcessInfo.processInfo.environment
        let run = try RunConfig.load(path: configPath)
        if let missing = run.missingNamedFile { throw missing }
        var options = ConsoleOptions.from(environment: environment)
        configure(&options)
        let folder = options.configDirectory ?? ConsoleConfig.directory(environment: environment)
        options.config = ConsoleConfig.load(alertingPath: run.alertingPath ?? folder + "/alerting.yaml",
                                            rosterPath: run.rosterPath ?? folder + "/roster.yaml")
        if let problem = options.config.problems.first { throw problem }
        options.storePath = options.storePath ?? StateDirectory.storePath(environment: environment)
        options.runbooks = run.runbooks
        options.site = run.site
        self.run = run
        self.options = options
        self.recorder = try recordPath.map { path in
            let recorder = Recorder(path: path, meta: ["config": configPath, "site": run.site ?? ""], rotation: rotation, atWall: MonotonicClock.now())
            // The first part is created now, so that a path that cannot be written stops the run before it starts.
            try recorder.open(at: WallClock.now())
            return recorder
        }
        self.logger = try ConsoleLogging.start(environment: environment, name: logName)
        let bus = Bus()
        self.bus = bus
        let dispatcher = NotificationDispatcher(notifiers: options.config.alerting.notifiers, roster: options.config.roster) { event in
            bus.publish(event, at: WallClock.now(), source: "notifier", site: run.site)
        }
        self.notifications = NotificationQueue(dispatcher: dispatcher)
        self.timeline = LiveTimeline(events: run.events, watching: configPath)
        let sources = LiveSources(clock: WallClock.now) { event, instant in
            bus.publish(event, at: instant, source: "monitor", site: run.site)
        }
        self.sources = sources
        timeline.onReload = { sources.update($0) }
    }

    /// Announces the configured events and starts the monitors.
    public func start() {
        let now = WallClock.now()
        for event in run.events { bus.publish(.eventScheduled(event), at: now, source: "scheduler", site: run.site) }
        sources.update(run)
    }
}
