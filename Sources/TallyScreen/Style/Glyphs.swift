import TallyCore

/// The characters that draw lines, marks and sparklines: Unicode where the locale allows,
/// plain ASCII otherwise. Severity and health always carry a symbol, never colour alone.
public struct Glyphs: Sendable, Equatable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
    public var ellipsis: String
    public var sparkline: [Character]
    public var up, down, flat: String
    public var paused, playing: String
    public var critical, error, warning, info: String
    public var ok, degraded, down_, unknown: String
    public var acknowledged: String
    public var enter: String
    /// A site of a shared room heard from lately, and one not heard from for a while.
    public var heard, unheard: String
    /// A black picture, a frozen one, and sound, in the feeds pane's content columns.
    public var black, frozen, sound: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        ellipsis: "…", sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], up: "▲", down: "▼", flat: "·",
        paused: "⏸", playing: "▶", critical: "▲", error: "■", warning: "◆", info: "●",
        ok: "✔", degraded: "◐", down_: "✖", unknown: "?", acknowledged: "✓", enter: "⏎", heard: "●", unheard: "○",
        black: "▮", frozen: "▯", sound: "♪")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "~", sparkline: ["_", ".", "-", "~", "=", "+", "*", "#"], up: "^", down: "v", flat: "-",
        paused: "||", playing: ">", critical: "!!", error: "!", warning: "!", info: "i",
        ok: "+", degraded: "~", down_: "X", unknown: "?", acknowledged: "*", enter: "Enter", heard: "*", unheard: "o",
        black: "[#]", frozen: "[=]", sound: "~")

    public func symbol(for severity: Severity) -> String {
        switch severity {
        case .critical: critical
        case .error: error
        case .warning: warning
        case .info: info
        }
    }

    public func symbol(for status: FeedStatus) -> String {
        switch status {
        case .ok: ok
        case .degraded: degraded
        case .down: down_
        case .unknown: unknown
        }
    }
}

extension StyleRole {
    /// The role that shows a severity.
    public init(_ severity: Severity) {
        switch severity {
        case .critical: self = .critical
        case .error: self = .error
        case .warning: self = .warning
        case .info: self = .info
        }
    }

    /// The role that shows a feed's health.
    public init(_ status: FeedStatus) {
        switch status {
        case .ok: self = .feedOK
        case .degraded: self = .feedDegraded
        case .down: self = .feedDown
        case .unknown: self = .feedUnknown
        }
    }
}
