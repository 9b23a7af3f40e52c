/// A failure to report in one line, without the usage text that ValidationError adds.
struct CommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
