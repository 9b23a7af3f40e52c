import Foundation
import TallyConfig

extension DemoSession {
    /// Starts logging, loads the recording (the built-in night when `file` is nil), and runs
    /// the console on this process's terminal with the operator, themes and log folder that
    /// the environment names.
    public static func launch(file: String?, configure: (inout DemoOptions) -> Void) throws -> Ending {
        let environment = ProcessInfo.processInfo.environment
        let logger = try ConsoleLogging.start(environment: environment)
        let recording = try RecordingSource.load(file)
        var options = DemoOptions(operatorName: OperatorIdentity.current(environment: environment))
        options.themeDirectories = ThemeDirectories.find(environment: environment)
        options.remote = OperatorIdentity.remote(environment: environment)
        configure(&options)
        options.config = ConsoleConfig.load(directory: options.configDirectory ?? ConsoleConfig.directory(environment: environment))
        return try DemoSession(recording: recording, options: options, logger: logger).run()
    }
}
