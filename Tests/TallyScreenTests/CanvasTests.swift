import Testing
@testable import TallyScreen

struct CanvasTests {
    @Test func wideCharactersTakeTwoColumnsAndAreClippedWhole() {
        var canvas = Canvas(size: Size(width: 5, height: 1))
        let end = canvas.write("東京ドーム", x: 0, y: 0, role: .text)
        #expect(end == 4)
        #expect(canvas.text(row: 0) == "東京 ")
    }

    @Test func overwritingHalfAWideCharacterLeavesNoGarbage() {
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.write("東京", x: 0, y: 0, role: .text)
        canvas.write("x", x: 1, y: 0, role: .text)
        #expect(canvas.text(row: 0) == " x京")
    }

    @Test func fittedTextPadsOrCutsByDisplayWidth() {
        #expect("abc".fitted(to: 5) == "abc  ")
        #expect("abcdef".fitted(to: 4) == "abc…")
        #expect("東京ドーム".fitted(to: 5) == "東京…")
        #expect("東京ドーム".fitted(to: 6) == "東京… ")
        #expect("42".fitted(to: 4, alignRight: true) == "  42")
        #expect("São Paulo".fitted(to: 9) == "São Paulo")
    }

    @Test func displayWidthOfCombiningAndEmoji() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("📺") == 2)
        #expect(DisplayWidth.of("\u{200B}") == 0)
    }

    @Test func writingInPlaceFitsTextAsFittedDoes() {
        let texts = ["", "abc", "abcdefghijkl", "東京ドーム", "São Paulo", "e\u{301}te", "📺 live", "a\u{200B}b", "…"]
        for text in texts {
            for width in 1...12 {
                for alignRight in [false, true] {
                    for ellipsis in ["…", "..."] {
                        var fitted = Canvas(size: Size(width: 16, height: 1)), inPlace = fitted
                        fitted.write(text.fitted(to: width, ellipsis: ellipsis, alignRight: alignRight), x: 1, y: 0, role: .warning, limit: 15)
                        inPlace.write(text, x: 1, y: 0, role: .warning, fitting: width, ellipsis: ellipsis, alignRight: alignRight, limit: 15)
                        #expect(inPlace == fitted, "\(text) in \(width), \(alignRight ? "right" : "left"), \(ellipsis)")
                    }
                }
            }
        }
    }

    @Test func theNarrowShortcutAgreesWithUnicodesTables() {
        let narrow = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter(DisplayWidth.isPlainlyNarrow)
        #expect(narrow.count > 1_000)
        let disagreeing = narrow.filter { DisplayWidth.ofCluster(Character($0), first: $0) != 1 }
        #expect(disagreeing.isEmpty, "\(disagreeing.prefix(10).map { String($0.value, radix: 16) })")
    }

    @Test func tableKeepsTheSelectionInViewAndCountsTheRest() {
        var canvas = Canvas(size: Size(width: 20, height: 5))
        let rows = (1...10).map { [Table.Item("row \($0)")] }
        Table(columns: [.init("Name", .flexible(minimum: 4))], rows: rows, selectedIndex: 6, showsSelection: true, glyphs: .ascii)
            .render(into: &canvas, in: canvas.bounds)
        #expect(canvas.text == "Name                \nrow 5               \nrow 6               \nrow 7               \n^ 4 above  v 3 more ")
        #expect(canvas[0, 3].role == .selection)
    }

    @Test func asciiCanvasTransliteratesWhatItCannotShow() {
        var canvas = Canvas(size: Size(width: 24, height: 1), asciiOnly: true)
        canvas.write("São Paulo — ×3 東", x: 0, y: 0, role: .text)
        #expect(canvas.text(row: 0) == "Sao Paulo - x3 ?        ")
    }

    @Test func sparklineScalesBetweenItsOwnExtremes() {
        #expect(Sparkline(values: [0, 7, 14], glyphs: .unicode).text(width: 4) == " ▁▄█")
    }
}
