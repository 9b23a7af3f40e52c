import Foundation
import TallyConfig
import TallyCore
import Testing
@testable import TallyConsole

/// Which runbook an alert opens: the event's own, the configured one for its kind, the
/// folder's KIND.md, then the built-in one, then the general one.
struct RunbookLibraryTests {
    static func alert(_ kind: String, event: String = "jpn-kor") -> Alert {
        var engine = AlertEngine()
        _ = engine.raise(AlertRaised(dedupKey: "\(kind)/x", severity: .critical, summary: "s", source: "test", class: kind,
                                     labels: ["event": event]), at: Instant(millisecondsSinceEpoch: 0))
        return engine.alerts[1]!
    }

    @Test func theMostSpecificRunbookWins() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-runbooks-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (file, text) in [("jpn.md", "# Tokyo Dome stale"), ("stale.md", "# Our stale"), ("feed.down.md", "# Our down")] {
            try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        var config = RunbookConfig()
        config.folder = folder.path
        config.kinds = ["feed.stale": "stale.md"]
        config.eventOverrides = ["jpn-kor": ["feed.stale": "jpn.md"]]
        let library = RunbookLibrary(config: config)
        #expect(library.runbook(for: Self.alert("feed.stale")).markdown == "# Tokyo Dome stale")
        #expect(library.runbook(for: Self.alert("feed.stale", event: "usa-mex")).markdown == "# Our stale")
        #expect(library.runbook(for: Self.alert("feed.down")).markdown == "# Our down")
        #expect(library.runbook(for: Self.alert("viewers.drop")).source == "built-in viewers.drop.md")
        #expect(library.runbook(for: Self.alert("encoder.overheat")).title == "Runbook · encoder.overheat (none written yet)")
    }
}
