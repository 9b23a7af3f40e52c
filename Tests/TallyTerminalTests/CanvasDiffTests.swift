import TallyScreen
import Testing
@testable import TallyTerminal

struct CanvasDiffTests {
    func canvas(_ rows: String...) -> Canvas {
        var canvas = Canvas(size: Size(width: 10, height: rows.count))
        for (y, row) in rows.enumerated() { canvas.write(row, x: 0, y: y, role: .text) }
        return canvas
    }

    @Test func theFirstFrameIsPaintedWhole() {
        #expect(CanvasDiff.changedSpan(row: 0, old: nil, new: canvas("abc")) == 0..<10)
    }

    @Test func anUnchangedRowIsNotPainted() {
        #expect(CanvasDiff.changedSpan(row: 0, old: canvas("abc"), new: canvas("abc")) == nil)
    }

    @Test func onlyTheSpanFromFirstToLastChangeIsPainted() {
        #expect(CanvasDiff.changedSpan(row: 0, old: canvas("12:00:01 x"), new: canvas("12:00:02 y")) == 7..<10)
        #expect(CanvasDiff.changedSpan(row: 1, old: canvas("same", "abcdef"), new: canvas("same", "abXdeY")) == 2..<6)
    }

    @Test func aStyleChangeAloneIsAChange() {
        let old = canvas("alert")
        var new = old
        new.restyle(row: 0, from: 0, to: 5, role: .critical)
        #expect(CanvasDiff.changedSpan(row: 0, old: old, new: new) == 0..<5)
    }

    @Test func theSpanNeverSplitsAWideCharacter() {
        // 東 covers columns 2-3; a change in its right half repaints from its left half.
        #expect(CanvasDiff.changedSpan(row: 0, old: canvas("ab東x"), new: canvas("ab東y")) == 4..<5)
        #expect(CanvasDiff.changedSpan(row: 0, old: canvas("ab東x"), new: canvas("abc東")) == 2..<5)
        #expect(CanvasDiff.changedSpan(row: 0, old: canvas("abcdx"), new: canvas("abc東")) == 3..<5)
    }
}
