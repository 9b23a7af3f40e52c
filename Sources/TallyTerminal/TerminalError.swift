/// Why the console cannot run on this terminal; said in one line before exiting.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
