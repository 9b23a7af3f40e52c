import Foundation
import TallyCore
import TallyScreen

/// What a console reads from its configuration folder (`$XDG_CONFIG_HOME/tally/` or
/// `--config`): `alerting.yaml` and `roster.yaml`, each optional. A file with a mistake is
/// reported and left out; the built-in value stands in for it, so the console still starts.
public struct ConsoleConfig: Sendable {
    public var alerting = AlertingConfig()
    public var roster = Roster.demo
    /// Files read, and the mistakes found in them.
    public var loaded: [String] = []
    public var problems: [ConfigProblem] = []

    public init() {}

    /// The configuration folder: `$XDG_CONFIG_HOME/tally`, else `~/.config/tally`.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/tally" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.config/tally"
    }

    public static func load(directory: String) -> ConsoleConfig {
        load(alertingPath: directory + "/alerting.yaml", rosterPath: directory + "/roster.yaml")
    }

    /// Reads the alerting and roster files at these paths, each optional.
    public static func load(alertingPath: String, rosterPath: String) -> ConsoleConfig {
        var config = ConsoleConfig()
        if let text = read(alertingPath, into: &config) {
            do { config.alerting = try AlertingConfig.parse(text, file: alertingPath) } catch { config.problems.append(error) }
        }
        if let text = read(rosterPath, into: &config) {
            do { config.roster = try RosterParser.parse(text, file: rosterPath) } catch { config.problems.append(error) }
        }
        return config
    }

    /// Validates one file, by its name or its top-level keys (a run configuration also has the
    /// alerting and roster files it names checked): what `tally check` runs.
    public static func check(file path: String) -> Result<String, ConfigProblem> {
        do {
            let text = try text(of: path, limitMiB: 16)
            if text.split(separator: "\n").contains(where: { $0.hasPrefix("events:") }) {
                let run = try RunConfig.parse(text, file: path)
                if let missing = run.missingNamedFile { return .failure(missing) }
                for named in [run.alertingPath, run.rosterPath].compactMap({ $0 }) {
                    if case .failure(let problem) = check(file: named) { return .failure(problem) }
                }
                return .success("\(path): \(run.events.count) event(s), \(run.feeds.count) feed(s), \(run.viewers.count) viewer source(s)")
            }
            if path.hasSuffix("keys.yaml") {
                let bindings = try KeyBindingsParser.parse(text, file: path)
                let moved = bindings.bindings.filter { binding in KeyBindings.standard.keys(for: binding.command) != binding.keys }
                return .success("\(path): \(moved.count) command(s) on other keys")
            }
            if path.hasSuffix("tokens.yaml") || text.hasPrefix("tokens:") {
                let grants = try TokensParser.parse(text, file: path)
                let roles = AccessRole.allCases.map { role in "\(grants.count { $0.role == role }) \(role.rawValue)" }
                return .success("\(path): \(grants.count) token(s): \(roles.joined(separator: ", "))")
            }
            if path.hasSuffix("roster.yaml") || text.hasPrefix("rotations:") {
                let roster = try RosterParser.parse(text, file: path)
                return .success("\(path): roster with \(roster.rotations.count) rotation(s)")
            }
            let alerting = try AlertingConfig.parse(text, file: path)
            let policies = Set(alerting.rules.routes.map(\.policy.name) + [alerting.rules.fallback.name]).sorted()
            return .success("\(path): policies in use \(policies.joined(separator: ", ")); \(alerting.rules.routes.count) route(s), "
                + "\(alerting.rules.inhibitions.count) inhibition rule(s), \(alerting.notifiers.count) notifier(s)")
        } catch {
            return .failure(error)
        }
    }

    private static func read(_ path: String, into config: inout ConsoleConfig) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let text = try text(of: path)
            config.loaded.append(path)
            return text
        } catch {
            config.problems.append(error)
            return nil
        }
    }

    /// The text of a configuration file: UTF-8, at most `limitMiB` MiB.
    public static func text(of path: String, limitMiB: Int = 1) throws(ConfigProblem) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= limitMiB << 20 else { throw ConfigProblem(file: path, line: 1, message: "larger than \(limitMiB) MiB; not read") }
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigProblem(file: path, line: 1, message: "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigProblem(file: path, line: 1, message: "not UTF-8 text") }
        return text
    }
}
