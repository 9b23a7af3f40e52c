import Foundation
import Testing

extension EndToEnd {
    /// The systemd unit README gives for the hub, checked by systemd itself.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"), "systemd-analyze is not installed: the unit is not checked"))
    struct SystemdUnitTests {
        @Test func theUnitInReadmeVerifies() throws {
            let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("README.md")
            let text = try String(contentsOf: readme, encoding: .utf8)
            let section = try #require(text.range(of: "### As a system service"), "README has no \"As a system service\" section")
            let start = try #require(text.range(of: "```ini\n", range: section.upperBound..<text.endIndex))
            let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
            let unit = String(text[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "/usr/local/bin/tally", with: TallyBinary.path)
            #expect(unit.contains("Restart=on-failure") && unit.contains("User=tally") && unit.contains("RuntimeDirectory=tally"))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-unit-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("tally-hub.service").path
            try unit.write(toFile: file, atomically: true, encoding: .utf8)
            let verified = ProcessRunner.run(["/usr/bin/systemd-analyze", "verify", file])
            #expect(verified.status == 0, "systemd-analyze: \(verified.output)")
            #expect(!verified.output.contains("tally-hub.service"), "systemd-analyze: \(verified.output)")
        }
    }
}
