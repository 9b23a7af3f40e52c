import TallyCore
import Testing

/// The picture a check sends: scaled down by averaging, mapped to the palette, carried in
/// base64 and refused when it is anything else; sent when the picture changes state.
struct PicturePreviewTests {
    /// Colour bars over a grey ramp, 48 × 27 like a check's thumbnail.
    static func colourBars() -> Thumbnail {
        let bars: [(UInt8, UInt8, UInt8)] = [(192, 192, 192), (192, 192, 0), (0, 192, 192), (0, 192, 0), (192, 0, 192), (192, 0, 0), (0, 0, 192), (16, 16, 16)]
        var rgb: [UInt8] = []
        for y in 0..<Thumbnail.height {
            for x in 0..<Thumbnail.width {
                if y < 18 {
                    let bar = bars[x * bars.count / Thumbnail.width]
                    rgb += [bar.0, bar.1, bar.2]
                } else {
                    let grey = UInt8(x * 255 / (Thumbnail.width - 1))
                    rgb += [grey, grey, grey]
                }
            }
        }
        return Thumbnail(rgb: rgb)!
    }

    static func solid(_ value: UInt8) -> Thumbnail { Thumbnail(rgb: Array(repeating: value, count: Thumbnail.byteCount))! }

    @Test func aPreviewRoundTripsThroughBase64() throws {
        let preview = PicturePreview(Self.colourBars())
        #expect(preview.indices.count == 32 * 18)
        #expect(preview.base64.utf8.count == PicturePreview.encodedLength)
        #expect(PicturePreview(base64: preview.base64) == preview)
    }

    @Test func scalingAveragesWhatEachPixelCovers() {
        let preview = PicturePreview(Self.colourBars())
        // The first bar is light grey (192), the last nearly black; the bottom row ramps up.
        #expect(XtermPalette.rgb(ofIndex: Int(preview.indices[0])) == (red: 188, green: 188, blue: 188))
        #expect(XtermPalette.rgb(ofIndex: Int(preview.indices[31])) == (red: 18, green: 18, blue: 18))
        let bottom = preview.pixels(width: 4, height: 18).suffix(4)
        #expect(bottom.map(\.red) == bottom.map(\.red).sorted(), "a left-to-right picture stays so when shrunk")
        let black = PicturePreview(Self.solid(0))
        #expect(black.pixels(width: 7, height: 3).allSatisfy { $0 == (red: 0, green: 0, blue: 0) })
    }

    @Test(arguments: ["", "AAAA", String(repeating: "A", count: 767) + "!", String(repeating: "A", count: 768)])
    func anythingButAPreviewIsRefused(text: String) {
        // 768 'A's decode to 576 zero bytes: indices under 16 are not in the cube or the greys.
        #expect(PicturePreview(base64: text) == nil)
        let checked = ContentChecked(feedId: "f", variant: "v", picture: .init(luma: 0, black: 1, preview: text))
        #expect(throws: PayloadProblem.self) { try checked.check() }
    }

    @Test func thePictureIsSentAtFirstOnEachChangeOfStateAndEveryMinute() {
        var schedule = PreviewSchedule()
        let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!
        func check(black: Double, change: Double = 30) -> ContentChecked {
            ContentChecked(feedId: "f", variant: "v", picture: .init(luma: 50, black: black, change: change))
        }
        let rules = ContentRules.standard
        let sent = [(0.0, 0.1, 30.0), (10, 0.1, 30), (20, 0.99, 30), (30, 0.99, 30), (40, 0.1, 30), (50, 0.1, 0.1), (60, 0.1, 0.1), (110, 0.1, 0.1)]
            .map { schedule.shouldSend(check(black: $0.1, change: $0.2), rules: rules, at: start.adding(seconds: $0.0)) }
        #expect(sent == [true, false, true, false, true, true, false, true])
        let withoutPicture = schedule.shouldSend(ContentChecked(feedId: "f", variant: "v", audio: .init(rms: -20)), rules: rules, at: start.adding(seconds: 500))
        #expect(!withoutPicture, "a check without a picture has none to send")
    }
}
