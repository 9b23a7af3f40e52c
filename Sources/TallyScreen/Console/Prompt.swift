import Foundation
import TallyCore

/// A one-line form in the footer for an action that takes words: escalate with a note,
/// resolve with a note, silence with matchers, a duration and a comment.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case escalate, resolve, silence
        /// The outgoing operator's note for the shift handover.
        case handover
        /// Replay: the moment to go to.
        case seek
    }

    /// What a key did to the prompt.
    enum Outcome: Equatable {
        case editing, submitted, cancelled
    }

    /// How long a silence can last, chosen with ↑ and ↓.
    public static let silenceDurations: [Double] = [15 * 60, 3600, 4 * 3600, 12 * 3600]
    public static let longestText = 200

    public var purpose: Purpose
    public var alertID: AlertID
    public var text = ""
    /// For a silence: which matcher the silence uses (Tab cycles, narrowest first).
    public var scopes: [LabelMatcher] = []
    public var scope = 0
    public var duration = 1

    /// A prompt about `alert`; a silence is prefilled with its dedup key, feed and event.
    public init(_ purpose: Purpose, alert: Alert?) {
        self.purpose = purpose
        self.alertID = alert?.id ?? 0
        if purpose == .silence, let alert {
            scopes = [LabelMatcher(label: "dedup_key", equals: alert.raised.dedupKey)]
            for name in ["feed", "event"] {
                if let value = alert.raised.labels[name] { scopes.append(LabelMatcher(label: name, equals: value)) }
            }
        }
    }

    /// The handover note prompt (`H`); it concerns no alert.
    public static func handover() -> Prompt {
        var prompt = Prompt(.handover, alert: nil)
        prompt.alertID = 0
        return prompt
    }

    /// The replay's "go to" prompt (`g` in a demo).
    public static func seek() -> Prompt {
        Prompt(.seek, alert: nil)
    }

    /// The question on the left of the footer.
    public var question: String {
        switch purpose {
        case .escalate: "escalate #\(alertID), note:"
        case .resolve: "resolve #\(alertID), note:"
        case .silence:
            "silence \(scopes[scope]) for \(Figures.duration(Self.silenceDurations[duration])), comment:"
        case .handover: "handover note for the next shift:"
        case .seek: "go to (HH:MM:SS since the start, or an RFC 3339 time):"
        }
    }

    /// The keys the prompt takes, for the footer.
    public var hints: [(String, String)] {
        purpose == .silence
            ? [("Tab", "scope"), ("↑↓", "duration"), ("Enter", "silence"), ("Esc", "cancel")]
            : [("Enter", purpose == .seek ? "go" : "send"), ("Esc", "cancel")]
    }

    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submitted
        case .escape, .interrupt: return .cancelled
        case .backspace: if !text.isEmpty { text.removeLast() }
        case .tab where purpose == .silence: scope = (scope + 1) % scopes.count
        case .backTab where purpose == .silence: scope = (scope + scopes.count - 1) % scopes.count
        case .up where purpose == .silence: duration = min(duration + 1, Self.silenceDurations.count - 1)
        case .down where purpose == .silence: duration = max(duration - 1, 0)
        case .character(let c) where !c.isNewline && DisplayWidth.of(c) > 0 && text.count < Self.longestText:
            text.append(c)
        default: break
        }
        return .editing
    }

    /// What submitting the prompt asks of the world.
    func command(actor: String, channel: String) -> ConsoleCommand {
        let note = text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .escalate:
            return .publish(OperatorAction(alertId: alertID, action: .escalate, actor: actor, channel: channel,
                                           comment: note.isEmpty ? nil : note))
        case .resolve:
            return .publish(OperatorAction(alertId: alertID, action: .resolve, actor: actor, channel: channel,
                                           comment: note.isEmpty ? nil : note))
        case .silence:
            return .silence(SilenceRequest(matchers: [scopes[scope]], durationSeconds: Self.silenceDurations[duration],
                                           actor: actor, channel: channel, comment: note, alertId: alertID))
        case .handover:
            return .writeHandover(note: note)
        case .seek:
            return .seek(note)
        }
    }
}
