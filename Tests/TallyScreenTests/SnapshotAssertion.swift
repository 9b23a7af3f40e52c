import Foundation
import Testing
import TallyScreen

/// Compares a canvas with `Snapshots/NAME.txt` beside this file: a `size WxH` line, then each
/// row quoted so that trailing spaces show; with `paints`, then each row's cell colours
/// (`foreground/background`, `-` for a cell in its role's colours). `TALLY_RECORD_SNAPSHOTS=1 swift test` rewrites the
/// files; a missing file is written and the test fails, so a snapshot is never silently new.
func assertSnapshot(_ canvas: Canvas, named name: String, paints: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent(name + ".txt")
    var actual = "size \(canvas.size)\n" + (0..<canvas.size.height).map { "\"" + canvas.text(row: $0) + "\"" }.joined(separator: "\n") + "\n"
    if paints {
        actual += (0..<canvas.size.height).map { y in
            (0..<canvas.size.width).map { x in canvas[x, y].paint.map { "\($0.foreground)/\($0.background)" } ?? "-" }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }
    let recording = ProcessInfo.processInfo.environment["TALLY_RECORD_SNAPSHOTS"] == "1"
    guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        if !recording { Issue.record("No snapshot \(name).txt: recorded it; check it and run again", sourceLocation: sourceLocation) }
        return
    }
    if expected != actual {
        let expectedRows = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualRows = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(expectedRows, actualRows).enumerated().first { $0.element.0 != $0.element.1 }
        let detail = firstDifference.map { "line \($0.offset + 1):\n  expected \($0.element.0)\n  actual   \($0.element.1)" } ?? "different length"
        Issue.record("Snapshot \(name) differs at \(detail)\n\(actual)", sourceLocation: sourceLocation)
    }
}
