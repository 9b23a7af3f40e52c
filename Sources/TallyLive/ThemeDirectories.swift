import Foundation
import TallyConfig

/// Where the console looks for themes.
public enum ThemeDirectories {
    public static func find(environment: [String: String]) -> [String] {
        ThemeCatalog.searchDirectories(executablePath: CommandLine.arguments[0].hasPrefix("/")
            ? CommandLine.arguments[0] : Bundle.main.executablePath ?? CommandLine.arguments[0], environment: environment)
    }
}
