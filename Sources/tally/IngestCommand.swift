import ArgumentParser
import Foundation
import TallyHub

/// `tally ingest`: bus events as JSON lines on stdin, onto a hub's bus.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Send bus events, one JSON object a line on stdin, to a hub (tally serve).",
        discussion: """
            Each line is {"type": "alert.raised", "data": {…}}, optionally with "ts", "source" and "site". \
            Lines the hub refuses are reported as stdin:LINE: reason; the exit status is 1 when any was refused.
            """
    )

    @OptionGroup var hub: HubOptions

    func run() throws {
        let summary: IngestClient.Summary
        do {
            summary = try IngestClient.run(address: hub.address, token: try hub.token(), tls: hub.tls) { refusal in
                FileHandle.standardError.write(Data("stdin:\(refusal.line): \(refusal.reason)\n".utf8))
            }
        } catch let failure as HubFailure {
            throw CommandError(failure.description)
        }
        FileHandle.standardError.write(Data("tally ingest: \(summary.closing)\n".utf8))
        if summary.refused > 0 || !summary.closing.hasPrefix("accepted") { throw ExitCode(1) }
    }
}
