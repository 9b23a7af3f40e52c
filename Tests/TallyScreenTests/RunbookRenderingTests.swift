import Testing
import TallyCore
@testable import TallyScreen

/// Runbooks drawn for the terminal: headings, lists, emphasis, code blocks and links as text,
/// wrapped to the box and scrolled.
struct RunbookRenderingTests {
    static let markdown = """
        # Feed stale

        The playlist **stopped** growing; viewers *freeze* within a few `target durations`.

        1. Read the signal path in the feed detail, then check whether the backup plays.
        2. Acknowledge with `a`.
           - nested: a point under the second step
        - [ ] a task not done
        > Quoted advice stays dim.

        ```
        curl -s https://origin.example/index.m3u8
        ```
        See [the guide](https://wiki.example/boc) for more.
        """

    @Test func markdownBecomesStyledWrappedLines() {
        let lines = MarkdownText.lines(Self.markdown, width: 40)
        let text = lines.map { $0.map(\.text).joined() }
        #expect(text.first == "FEED STALE")
        #expect(text.contains("1. Read the signal path in the feed"))
        #expect(text.contains("   detail, then check whether the backup"), "a wrapped item hangs under its text")
        #expect(text.contains("   • nested: a point under the second"))
        #expect(text.contains("The playlist stopped growing; viewers"), "no trailing space where a line breaks")
        #expect(text.contains("☐ a task not done"))
        #expect(text.contains("│ Quoted advice stays dim."))
        #expect(text.contains("  curl -s https://origin.example/index.m"), "code is cut, never wrapped")
        #expect(text.contains("See the guide <https://wiki.example/boc>"))
        let strong = lines.flatMap { $0 }.first { $0.text == "stopped" }
        #expect(strong?.role == .overlayTitle)
        #expect(lines.flatMap { $0 }.first { $0.text.contains("freeze") }?.role == .info)
    }

    @Test func theOverlayScrollsAndSaysWhereItIs() {
        var runbook = DocumentView(title: "Runbook · feed.stale", source: "runbooks/feed.stale.md", markdown: Self.markdown)
        runbook.scroll = 3
        var canvas = Canvas(size: Size(width: 60, height: 16))
        DocumentOverlay(document: runbook, glyphs: .unicode).render(into: &canvas, in: Rect(x: 0, y: 0, width: 60, height: 16))
        #expect(canvas.text.contains("runbooks/feed.stale.md · 4–14 of"))
        assertSnapshot(canvas, named: "runbook-60x16")
    }
}
