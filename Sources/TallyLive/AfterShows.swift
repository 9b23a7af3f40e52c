import Foundation
import TallyCore

/// After-show reports on disk, next to the handovers: `$XDG_STATE_HOME/tally/after-show/2026-03-14T2210Z-wbc-01.md`,
/// one file per event's day, written once by the place that decides (a hub, or `tally run`)
/// when the event's post-show step begins, and never overwritten.
public struct AfterShows: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public static func inStateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> AfterShows {
        AfterShows(directory: StateDirectory.path(environment: environment) + "/after-show")
    }

    /// Writes `diary`'s after-show report as Markdown, named by its post-show moment and event; returns its path.
    public func save(_ diary: EventDiary, source: String) throws -> String {
        let at = diary.facts.end ?? diary.opened
        return try MarkdownFolder(directory: directory).save(diary.afterShow(source: source).markdown, author: diary.eventId, at: at)
    }
}
