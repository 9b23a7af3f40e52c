import TallyLive
import Foundation
import TallyCore
import TallyHub

extension ConsoleSession {
    /// `tally attach`: the console on a hub's state. Connects and waits for the snapshot
    /// before taking the terminal (an unreachable or refusing hub is an error on the command
    /// line, not a blank screen); from then on a lost link is retried in the background while
    /// the header says so. The hub keeps the store, decides the alert timers and sends the
    /// notifications; this console shows what it decided.
    public static func attach(to settings: HubLink.Settings, configure: (inout ConsoleOptions) -> Void = { _ in }) throws -> Ending {
        let environment = ProcessInfo.processInfo.environment
        var options = ConsoleOptions.from(environment: environment)
        configure(&options)
        var linkSettings = settings
        linkSettings.name = linkSettings.name ?? options.operatorName
        let wake = try WakePipe()
        let link = try HubLink(settings: linkSettings, onReady: { wake.wake() })
        defer { link.stop() }
        options.operatorName = link.status.operatorName ?? options.operatorName
        let logger = try ConsoleLogging.start(environment: environment)
        let session = ConsoleSession(timeline: AttachedTimeline(link: link), upstream: .hub(link), wake: wake, state: ConsoleState(),
                                     keeper: RecordKeeper(store: nil, logger: logger), options: options, logger: logger)
        logger.info("attached", metadata: ["hub": "\(settings.address)", "connection": "\(link.status.connection ?? "")"])
        return try session.run()
    }
}
