import TallyConfig

/// How a console session starts, whatever feeds it.
public struct ConsoleOptions: Sendable {
    public var themeName = "default"
    public var forcesASCII = false
    public var operatorName: String
    public var themeDirectories: [String] = []
    /// Keep alerts, actions and the audit trail in this store file (carrying on from what it
    /// holds); nil keeps them in a throwaway in-memory store, so that a demo never touches
    /// real records.
    public var storePath: String?
    /// The configuration folder; nil for `$XDG_CONFIG_HOME/tally`.
    public var configDirectory: String?
    /// The alerting rules and roster to run with.
    public var config = ConsoleConfig()
    /// Where runbooks are, beyond the built-in ones.
    public var runbooks = RunbookConfig()
    /// Where shift handovers are saved.
    public var handovers = Handovers.inStateDirectory()
    /// Where after-show reports are saved, when this console decides (`tally run`).
    public var afterShows = AfterShows.inStateDirectory()
    /// The site watched (`site:` of `tally.yaml`).
    public var site: String?
    /// Where the console is used from, added to each action's channel (`ssh:10.0.0.5`).
    public var remote: String?

    public init(operatorName: String) {
        self.operatorName = operatorName
    }
}

extension ConsoleOptions {
    /// The operator, themes and remote address this process's environment gives.
    public static func from(environment: [String: String]) -> ConsoleOptions {
        var options = ConsoleOptions(operatorName: OperatorIdentity.current(environment: environment))
        options.themeDirectories = ThemeDirectories.find(environment: environment)
        options.remote = OperatorIdentity.remote(environment: environment)
        options.handovers = Handovers.inStateDirectory(environment: environment)
        options.afterShows = AfterShows.inStateDirectory(environment: environment)
        return options
    }
}
