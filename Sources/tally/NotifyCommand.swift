import ArgumentParser
import Foundation
import TallyConfig
import TallyConsole
import TallyLive
import TallyCore
import TallyNotify

/// `tally notify --test NAME`: proves a configured notifier works end to end.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send a test alert (trigger, then resolve) through a notifier of alerting.yaml and print every attempt."
    )

    @Option(name: .customLong("test"), help: "The notifier to try, by its name in alerting.yaml.")
    var notifier: String

    @Option(help: "The configuration folder holding alerting.yaml and roster.yaml (default: $XDG_CONFIG_HOME/tally).")
    var config: String?

    func run() async throws {
        let loaded = ConsoleConfig.load(directory: config ?? ConsoleConfig.directory())
        if let problem = loaded.problems.first { throw CommandError("\(problem)") }
        guard let settings = loaded.alerting.notifiers.first(where: { $0.name == notifier }) else {
            let known = loaded.alerting.notifiers.map(\.name)
            throw CommandError("no notifier named \(notifier) in alerting.yaml" + (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"))
        }
        let outcomes = OutcomeLog()
        let dispatcher = NotificationDispatcher(notifiers: [settings], roster: loaded.roster) { event in
            guard case .notified(let outcome) = event else { return }
            outcomes.add(outcome)
            print("\(outcome.action.rawValue) attempt \(outcome.attempt): \(outcome.delivered ? "delivered" : "FAILED"), \(outcome.detail)")
        }
        let now = WallClock.now()
        var engine = AlertEngine(rules: loaded.alerting.rules)
        let opened = engine.raise(AlertRaised(
            dedupKey: "tally.test/\(notifier)", severity: .info, summary: "Tally test alert through \(notifier): no action needed",
            source: "tally", class: "tally.test", labels: ["test": "true"]), at: now)
        for notification in opened.notifications { await dispatcher.send(notification) }
        let resolved = engine.perform(OperatorAction(alertId: 1, action: .resolve, actor: "tally", channel: "test"), at: now)
        for notification in resolved.notifications { await dispatcher.send(notification) }
        if !outcomes.allDelivered { throw ExitCode(1) }
    }
}

/// The outcomes printed by `tally notify`, to set the exit status.
final class OutcomeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var failedActions: Set<String> = []
    private var deliveredActions: Set<String> = []

    func add(_ outcome: NotificationOutcome) {
        lock.withLock {
            if outcome.delivered { deliveredActions.insert(outcome.action.rawValue) } else { failedActions.insert(outcome.action.rawValue) }
            return
        }
    }

    /// Whether every action was delivered in the end.
    var allDelivered: Bool { lock.withLock { failedActions.isSubset(of: deliveredActions) && !deliveredActions.isEmpty } }
}
