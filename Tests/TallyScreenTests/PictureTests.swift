import Testing
import TallyCore
@testable import TallyScreen

/// The last checked picture in the feed detail: half blocks in 256 or 16 colours, a ramp of
/// characters in 8 colours and in monochrome or ASCII, beside the feed's lines at every size.
struct PictureTests {
    /// Colour bars over a grey ramp.
    static let testCard: PicturePreview = {
        let bars: [(UInt8, UInt8, UInt8)] = [(192, 192, 192), (192, 192, 0), (0, 192, 192), (0, 192, 0), (192, 0, 192), (192, 0, 0), (0, 0, 192), (16, 16, 16)]
        var rgb: [UInt8] = []
        for y in 0..<Thumbnail.height {
            for x in 0..<Thumbnail.width {
                let grey = UInt8(x * 255 / (Thumbnail.width - 1))
                let pixel = y < 18 ? bars[x * bars.count / Thumbnail.width] : (grey, grey, grey)
                rgb += [pixel.0, pixel.1, pixel.2]
            }
        }
        return PicturePreview(Thumbnail(rgb: rgb)!)
    }()

    /// The picture alone on a canvas of its size, with its cells' colours listed under the text.
    static func drawn(colors: Int, glyphs: Glyphs, columns: Int = 32) -> Canvas {
        let rows = PictureView.rows(forColumns: columns)
        var canvas = Canvas(size: Size(width: columns, height: rows), asciiOnly: glyphs == .ascii)
        PictureView(preview: testCard, colors: colors, glyphs: glyphs).render(into: &canvas, in: canvas.bounds)
        return canvas
    }

    @Test(arguments: [(256, Glyphs.unicode, "picture-256"), (16, .unicode, "picture-16"), (8, .unicode, "picture-8"), (0, .ascii, "picture-ascii")])
    func thePictureAtEachDepth(colors: Int, glyphs: Glyphs, name: String) {
        let canvas = Self.drawn(colors: colors, glyphs: glyphs)
        #expect(canvas.size == Size(width: 32, height: 9))
        if colors >= 16 {
            #expect(canvas.cells.allSatisfy { $0.character == "▀" && $0.paint != nil })
            let limit = Int16(colors)
            #expect(canvas.cells.allSatisfy { ($0.paint?.foreground ?? limit) < limit && ($0.paint?.background ?? limit) < limit })
        } else {
            #expect(canvas.cells.allSatisfy { PictureView.ramp.contains($0.character) })
            #expect(canvas.cells.allSatisfy { colors == 0 ? $0.paint == nil : ($0.paint?.foreground ?? 8) < 8 })
            #expect(canvas.text(row: 0).hasSuffix(" "), "the black bar is dark")
            #expect(canvas.text(row: 8).first == " " && canvas.text(row: 8).last == "@", "the grey ramp runs dark to light")
        }
        assertSnapshot(canvas, named: name, paints: colors > 0)
    }

    static func stateWithPicture() -> (ConsoleState, Instant, FeedID) {
        let (base, instant) = ContentColumnsTests.state()
        var state = base
        let feed = state.feeds.values.filter { $0.content != nil }.map(\.id).sorted()[0]
        let checked = ContentChecked(feedId: feed, variant: "480p", picture: .init(luma: 110, black: 0.1, change: 30, preview: testCard.base64),
                                     audio: .init(rms: -20, momentary: -23))
        state.apply(Envelope(seq: state.lastSeq + 1, timestamp: instant.adding(seconds: -3), source: "hls-monitor", event: .feedContent(checked)))
        return (state, instant, feed)
    }

    @Test(arguments: [(80, 24, Glyphs.unicode), (160, 48, .unicode), (80, 24, .ascii)])
    func theFeedDetailShowsThePicture(width: Int, height: Int, glyphs: Glyphs) {
        let (state, instant, feed) = Self.stateWithPicture()
        var view = ViewState()
        view.overlay = .detail(.feeds, itemID: feed)
        var context = DemoFixture.context(at: instant, glyphs: glyphs)
        context.colors = glyphs == .ascii ? 8 : 256
        let canvas = Screen.render(state: state, view: view, context: context, size: Size(width: width, height: height))
        let columns = width >= 120 ? 32 : 24
        #expect(canvas.cells.count { $0.character == (glyphs == .ascii ? "@" : "▀") } >= (glyphs == .ascii ? 1 : columns * PictureView.rows(forColumns: columns)))
        #expect(canvas.text.contains("(3s ago)"), "the picture's time")
        #expect(canvas.text.contains("Content"), "the feed's lines beside it")
        assertSnapshot(canvas, named: "picture-detail-\(width)x\(height)" + (glyphs == .ascii ? "-ascii" : ""))
    }
}
