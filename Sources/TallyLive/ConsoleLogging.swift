import Foundation
import Logging

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
