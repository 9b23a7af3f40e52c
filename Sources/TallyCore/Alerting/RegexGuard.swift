/// Refuses the regular expressions that make a backtracking engine take exponential time on
/// a long label (`(a+)+`, `(a|aa)*`): a repeated group that itself repeats or branches. A
/// matcher comes from a console, a file or a silence request, and is run on labels that
/// ingest and the webhook supply, so one such pattern could otherwise stall the hub.
enum RegexGuard {
    /// The longest pattern taken.
    static let maximumLength = 256
    /// Unbounded repetitions (`*`, `+`, `{n,}`) one pattern may hold: on a label of at most
    /// `AlertRaised.longestLabel` bytes, three keep the worst match well under a second.
    static let maximumRepetitions = 3

    /// Why `pattern` is refused, or nil when it is safe to run.
    static func refusal(of pattern: String) -> String? {
        guard pattern.utf8.count <= maximumLength else { return "a regular expression longer than \(maximumLength) bytes" }
        var groups: [(repeats: Bool, branches: Bool)] = []
        var closedGroup: (repeats: Bool, branches: Bool)?
        var characters = Array(pattern.unicodeScalars)[...]
        var repetitions = 0
        while let character = characters.popFirst() {
            let justClosed = closedGroup
            closedGroup = nil
            switch character {
            case "\\":
                _ = characters.popFirst()
            case "[":
                while let inner = characters.popFirst(), inner != "]" { if inner == "\\" { _ = characters.popFirst() } }
            case "(":
                groups.append((false, false))
            case ")":
                closedGroup = groups.popLast() ?? (false, false)
            case "|":
                if !groups.isEmpty { groups[groups.count - 1].branches = true }
            case "*", "+", "{":
                if let inner = justClosed, inner.repeats || inner.branches {
                    return "nested repetition (such as (a+)+) can take exponential time"
                }
                if !groups.isEmpty { groups[groups.count - 1].repeats = true }
                var bound = ""
                if character == "{" { while let inner = characters.popFirst(), inner != "}" { bound.unicodeScalars.append(inner) } }
                if character != "{" || bound.hasSuffix(",") { repetitions += 1 }
                if repetitions > maximumRepetitions { return "more than \(maximumRepetitions) unbounded repetitions (*, +) in one pattern" }
            default:
                break
            }
            // A repeated group counts as repetition inside the group around it.
            if let inner = justClosed, inner.repeats, !groups.isEmpty { groups[groups.count - 1].repeats = true }
        }
        return nil
    }
}
