import ArgumentParser
import Foundation
import TallyConsole
import TallyLive
import TallyCore
import TallyStore

/// `tally audit`: the audit trail of alerts and silences, as a table or as JSON Lines.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit trail: every acknowledgement, escalation, silence, resolution and notification."
    )

    @Option(help: "Only from this time on: an RFC 3339 time (2026-03-14T19:00:00Z) or a span back from now (90s, 30m, 2h, 1d).")
    var since: String?

    @Option(help: "Only this alert's lines.")
    var alert: Int?

    @Flag(help: "Print JSON Lines, one record per line, for jq and scripts.")
    var json = false

    @Option(help: "The store to read (default: $XDG_STATE_HOME/tally/tally.sqlite).")
    var store: String?

    @OptionGroup var sharing: SharedOptions

    func validate() throws {
        _ = try sinceInstant()
        if store != nil, sharing.shared != nil { throw ValidationError("--store and --shared name two trails: give one") }
    }

    func run() async throws {
        let records = try await trail()
        if json {
            let encoder = WireFormat.makeEncoder()
            for record in records { print(String(decoding: try encoder.encode(record), as: UTF8.self)) }
        } else {
            // A shared room's trail names the site of every line.
            let sites = sharing.shared != nil
            print(AuditTable.header(sites: sites))
            for record in records { print(AuditTable.line(record, sites: sites)) }
        }
    }

    /// The store's trail, or the shared room's (its log reduced from where its history starts).
    private func trail() async throws -> [AuditRecord] {
        if sharing.shared != nil {
            do { return try await RoomReading.audit(try sharing.resolvedRoom(), since: try sinceInstant(), alert: alert) } catch let error as CommandError { throw error } catch {
                throw CommandError("cannot read the room's audit trail: \(error)")
            }
        }
        let path = store ?? StateDirectory.storePath()
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandError("no store at \(path): nothing has been recorded there yet")
        }
        return try AlertStore.open(path: path).audit(since: try sinceInstant(), alert: alert)
    }

    private func sinceInstant() throws -> Instant? {
        try since.map { try MomentText.instant($0, option: "--since") }
    }
}

/// The audit trail as aligned text, one record per line.
enum AuditTable {
    /// The column heads; with `sites`, a SITE column after BY.
    static func header(sites: Bool = false) -> String {
        "  SEQ  TIME (UTC)           ALERT  ACTION           STATE                    BY         " + (sites ? "SITE         " : "")
            + "CHANNEL              LEVEL  DETAIL"
    }

    static func line(_ record: AuditRecord, sites: Bool = false) -> String {
        let time = String(record.at.rfc3339.prefix(19)).replacingOccurrences(of: "T", with: " ")
        let subject = record.alertId.map { "#\($0)" } ?? record.silenceId.map { "s\($0)" } ?? "–"
        let states = [record.stateBefore?.rawValue, record.stateAfter?.rawValue].compactMap { $0 }
        let state = states.count == 2 && states[0] != states[1] ? states.joined(separator: "→") : states.last ?? ""
        let level = record.level.map { "L\($0)" + (record.round.map { $0 > 0 ? " r\($0)" : "" } ?? "") } ?? ""
        var detail = [[record.eventId, record.step, record.item].compactMap { $0 }.joined(separator: " · ")].filter { !$0.isEmpty }
        if let policy = record.policy, record.action == .raised { detail.append("\(policy) v\(record.policyVersion ?? 1)") }
        if let note = record.note { detail.append("“\(note)”") }
        if let detail1 = record.detail { detail.append(detail1) }
        if let expires = record.expiresAt { detail.append("until " + expires.rfc3339) }
        return pad(String(record.seq), 5, right: true) + "  " + pad(time, 19) + "  " + pad(subject, 5) + "  "
            + pad(record.action.rawValue, 15) + "  " + pad(state, 23) + "  " + pad(record.actor, 9) + "  "
            + (sites ? pad(record.site ?? "–", 11) + "  " : "") + pad(record.channel, 19) + "  " + pad(level, 5) + "  " + detail.joined(separator: " · ")
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let room = max(0, width - text.count)
        return right ? String(repeating: " ", count: room) + text : text + String(repeating: " ", count: room)
    }
}
