import TallyCore

/// What a line typed after `:` asks for.
public enum TypedCommand: Equatable, Sendable {
    case acknowledge(AlertID, note: String?)
    case letGo(AlertID)
    case escalate(AlertID, note: String?)
    case resolve(AlertID, note: String?)
    case silence([LabelMatcher], seconds: Double, comment: String)
    case goTo(String)
    case theme(String)
    case filter(String?)
    case report
    case help
    case quit
}

/// The `:` command line (as k9s has): for what needs an argument or has no key. Pure.
public enum CommandLineParser {
    /// Every command, with how it is written.
    public static let commands: [(name: String, usage: String)] = [
        ("ack", "ack ID [note]"), ("unack", "unack ID"), ("escalate", "escalate ID [note]"), ("resolve", "resolve ID [note]"),
        ("silence", "silence LABEL=VALUE… DURATION COMMENT"), ("goto", "goto HH:MM[:SS] since the start, or an RFC 3339 time"),
        ("theme", "theme NAME"), ("filter", "filter [TEXT]"), ("report", "report"), ("help", "help"), ("quit", "quit"),
    ]

    /// How long a silence typed here may last.
    public static let silenceSeconds: ClosedRange<Double> = 1...(30 * 86_400)

    /// Why a typed line was refused, for the footer.
    public struct Problem: Error, Equatable, Sendable {
        public var message: String
    }

    public static func parse(_ line: String) -> Result<TypedCommand, Problem> {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first?.lowercased() else {
            return .failure(Problem(message: "type a command: " + commands.map(\.name).joined(separator: ", ")))
        }
        guard let usage = commands.first(where: { $0.name == name })?.usage else {
            return .failure(Problem(message: "unknown command \"\(name)\"; :help lists the keys, Tab completes"))
        }
        let rest = Array(words.dropFirst())
        func fail(_ why: String? = nil) -> Result<TypedCommand, Problem> {
            .failure(Problem(message: (why.map { $0 + "; " } ?? "") + "usage: :" + usage))
        }
        func note(after count: Int) -> String? {
            rest.count > count ? rest.dropFirst(count).joined(separator: " ") : nil
        }
        switch name {
        case "ack", "unack", "escalate", "resolve":
            guard let first = rest.first else { return fail() }
            guard let id = alertID(first) else { return fail("\"\(first)\" is not an alert number") }
            switch name {
            case "ack": return .success(.acknowledge(id, note: note(after: 1)))
            case "unack": return rest.count == 1 ? .success(.letGo(id)) : fail()
            case "escalate": return .success(.escalate(id, note: note(after: 1)))
            default: return .success(.resolve(id, note: note(after: 1)))
            }
        case "silence": return silence(rest, usage: usage)
        case "goto": return rest.count == 1 ? .success(.goTo(rest[0])) : fail()
        case "theme": return rest.count == 1 ? .success(.theme(rest[0])) : fail()
        case "filter": return .success(.filter(rest.isEmpty ? nil : rest.joined(separator: " ")))
        case "report": return rest.isEmpty ? .success(.report) : fail()
        case "help": return .success(.help)
        default: return .success(.quit)
        }
    }

    /// `12` or `#12`, within the range of alert numbers.
    private static func alertID(_ text: String) -> AlertID? {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let id = Int(digits), id > 0 else { return nil }
        return id
    }

    /// `silence feed=wbc-01-primary 2h planned maintenance`: matchers, then a duration, then why.
    private static func silence(_ words: [String], usage: String) -> Result<TypedCommand, Problem> {
        let example = "usage: :\(usage), such as :silence feed=wbc-01-primary 2h planned maintenance"
        var matchers: [LabelMatcher] = []
        var index = 0
        while index < words.count, words[index].contains("=") {
            do {
                matchers.append(try LabelMatcher.parse(words[index]))
            } catch {
                return .failure(Problem(message: "\(words[index]): \(error)"))
            }
            index += 1
        }
        guard !matchers.isEmpty, index < words.count else { return .failure(Problem(message: example)) }
        let seconds: Double
        do {
            seconds = try DurationText.seconds(words[index])
        } catch {
            return .failure(Problem(message: "\"\(words[index])\" is not a duration (90s, 5m, 2h, 1d)"))
        }
        guard silenceSeconds.contains(seconds) else {
            return .failure(Problem(message: "a silence lasts 1s to 30d, not \(words[index])"))
        }
        let comment = words.dropFirst(index + 1).joined(separator: " ")
        guard !comment.isEmpty else { return .failure(Problem(message: "say why the silence is needed; " + example)) }
        return .success(.silence(matchers, seconds: seconds, comment: comment))
    }

    /// Tab on the command line: completes the command's name, or a theme's after `theme `, as
    /// far as the candidates agree.
    public static func complete(_ line: String, themes: [String]) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count <= 1 {
            return completed(words.first ?? "", among: commands.map(\.name), after: "")
        }
        guard words.count == 2, words[0].lowercased() == "theme" else { return line }
        return completed(words[1], among: themes, after: words[0] + " ")
    }

    private static func completed(_ partial: String, among candidates: [String], after head: String) -> String {
        let matching = candidates.filter { $0.hasPrefix(partial.lowercased()) }
        guard let first = matching.first else { return head + partial }
        if matching.count == 1 { return head + first + " " }
        let common = matching.dropFirst().reduce(first) { prefix, name in String(zip(prefix, name).prefix { $0 == $1 }.map(\.0)) }
        return head + common
    }
}
