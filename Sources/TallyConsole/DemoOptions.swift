/// How `tally demo` starts.
public struct DemoOptions: Sendable {
    public var speed: Double = 1
    public var startsPaused = false
    public var themeName = "default"
    public var forcesASCII = false
    public var operatorName: String
    public var themeDirectories: [String] = []

    public init(operatorName: String) {
        self.operatorName = operatorName
    }
}
