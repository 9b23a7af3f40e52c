import Foundation
import TallyConfig
import TallyConsole
import TallyCore
import TallyLive

/// `tally handover --shared`: the handover written from the shared room's state, saved here
/// and appended to the room's log, so that the next console to attach at any site opens on it.
enum RoomHandover {
    static func write(_ address: TallyCore.RoomAddress, configPath: String?, note: String,
                      environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> (path: String, markdown: String) {
        let now = WallClock.now()
        let path = configPath ?? ConsoleConfig.directory(environment: environment) + "/tally.yaml"
        let site = FileManager.default.fileExists(atPath: path) || configPath != nil ? try RunConfig.load(path: path).site : nil
        let state = try await RoomReading.state(address)
        let author = OperatorIdentity.current(environment: environment)
        let markdown = HandoverReport.markdown(state: state, at: now, author: author, site: site, note: note)
        let saved = try Handovers.inStateDirectory(environment: environment).save(markdown, author: author, at: now, isDemo: false)
        let written = Envelope(seq: 0, id: "handover/\(site ?? "cli")/\(now.rfc3339)", timestamp: now, source: "console", site: site,
                               event: .handoverWritten(HandoverWritten(author: author, note: note, path: saved, markdown: markdown)))
        _ = try await RoomReading.withLog(address) { try await $0.append([written], site: site ?? "cli") }
        return (saved, markdown)
    }
}
