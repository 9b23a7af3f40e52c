/// When a feed's monitor sends the checked picture with a check: at the first check, whenever
/// the picture changes state (black, frozen, or neither), and every `refreshSeconds` while it
/// does not, so that a console always has a recent picture and the log is not filled with them.
public struct PreviewSchedule: Sendable, Equatable {
    public var refreshSeconds: Double
    private var sentState: Set<ContentCondition>?
    private var sentAt: Instant?

    public init(refreshSeconds: Double = 60) {
        self.refreshSeconds = refreshSeconds
    }

    /// Whether `checked`, a check with a picture made at `instant`, should carry it; when so,
    /// remembers it as sent.
    public mutating func shouldSend(_ checked: ContentChecked, rules: ContentRules, at instant: Instant) -> Bool {
        guard checked.picture != nil else { return false }
        let state = rules.conditions(of: checked).intersection([.black, .frozen])
        let due = sentAt.map { instant.seconds(since: $0) >= refreshSeconds || instant < $0 } ?? true
        guard due || state != sentState else { return false }
        sentState = state
        sentAt = instant
        return true
    }
}
