import Foundation
import TallyBus
import TallyConfig
import TallyHub

extension ConsoleSession {
    /// `tally demo`: starts logging, loads the recording (the built-in night when `file` is
    /// nil) and replays it onto this process's terminal with the operator, themes and
    /// configuration the environment names. A demo never calls notifiers.
    public static func demo(file: String?, speed: Double = 1, paused: Bool = false,
                            configure: (inout ConsoleOptions) -> Void = { _ in }) throws -> Ending {
        let environment = ProcessInfo.processInfo.environment
        let logger = try ConsoleLogging.start(environment: environment)
        let recording = try RecordingSource.load(file)
        for issue in recording.issues { logger.warning("recording: \(issue)") }
        var options = ConsoleOptions.from(environment: environment)
        configure(&options)
        options.config = ConsoleConfig.load(directory: options.configDirectory ?? ConsoleConfig.directory(environment: environment))
        let timeline = ReplayTimeline(recording: recording, speed: speed, paused: paused, atWall: MonotonicClock.now())
        logger.info("demo", metadata: ["envelopes": "\(recording.envelopes.count)"])
        let session = try ConsoleSession(timeline: timeline, bus: Bus(), options: options, notice: RecordingSource.notice(for: recording),
                                         logger: logger)
        // A recording cut from another starts from the state saved at its start.
        if let state = recording.header.state { session.ledger.replace(with: state) }
        return try session.run()
    }
}

extension ConsoleOptions {
    /// The operator, themes and remote address this process's environment gives.
    static func from(environment: [String: String]) -> ConsoleOptions {
        var options = ConsoleOptions(operatorName: OperatorIdentity.current(environment: environment))
        options.themeDirectories = ThemeDirectories.find(environment: environment)
        options.remote = OperatorIdentity.remote(environment: environment)
        options.handovers = Handovers.inStateDirectory(environment: environment)
        return options
    }
}
