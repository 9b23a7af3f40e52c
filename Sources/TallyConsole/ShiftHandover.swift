import TallyLive
import Foundation
import TallyConfig
import TallyCore
import TallyStore

/// `tally handover` without a console: the handover built from the store (alerts, notes,
/// checklist ticks) and the schedule as it stands now, saved where a console's `H` saves it.
public enum ShiftHandover {
    /// Writes the handover; returns its path and text.
    public static func write(configPath: String?, storePath: String?, note: String,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (path: String, markdown: String) {
        let now = WallClock.now()
        let path = configPath ?? ConsoleConfig.directory(environment: environment) + "/tally.yaml"
        let run = FileManager.default.fileExists(atPath: path) || configPath != nil ? try RunConfig.load(path: path) : nil
        let store = try AlertStore.open(path: storePath ?? StateDirectory.storePath(environment: environment))
        var state = try store.restoredConsole(rules: AlertingConfig().rules, roster: .demo)
        for event in run?.events ?? [] {
            state.apply(Envelope(seq: 0, timestamp: now, source: "scheduler", event: .eventScheduled(event)))
            state.apply(Envelope(seq: 0, timestamp: now, source: "scheduler", event: .phaseChanged(PhasePlan.phase(of: event, at: now))))
        }
        let author = OperatorIdentity.current(environment: environment)
        let markdown = HandoverReport.markdown(state: state, at: now, author: author, site: run?.site, note: note)
        let saved = try Handovers.inStateDirectory(environment: environment).save(markdown, author: author, at: now, isDemo: false)
        return (saved, markdown)
    }
}
