import Foundation
import Logging
import TallyConfig
import TallyScreen

/// Sends all logging to the state folder's log file: nothing may reach the screen.
public enum ConsoleLogging {
    /// Logs to `NAME.log` in the state folder (`tally.log` for consoles, `hub.log` for `tally serve`).
    public static func start(environment: [String: String], name: String = "tally") throws -> Logger {
        let path = StateDirectory.path(environment: environment) + "/\(name).log"
        let factory = try FileLogHandler.open(path: path)
        LoggingSystem.bootstrap(factory)
        return Logger(label: "tally")
    }
}

/// Where the console looks for themes.
public enum ThemeDirectories {
    public static func find(environment: [String: String]) -> [String] {
        ThemeCatalog.searchDirectories(executablePath: CommandLine.arguments[0].hasPrefix("/")
            ? CommandLine.arguments[0] : Bundle.main.executablePath ?? CommandLine.arguments[0], environment: environment)
    }
}
