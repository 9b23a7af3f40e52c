import TallyCore

/// The pictures the night's content checks saw, drawn rather than decoded: a ballpark from the
/// camera behind home plate (the crowd, the outfield's mown stripes, the infield diamond, the
/// score bug in the home team's colour), or the black an encoder sends when its input is lost.
enum DemoPicture {
    /// The ballpark of event `index`: the same picture for the same event.
    static func ballpark(event index: Int) -> PicturePreview {
        let bug = teamColours[index % teamColours.count]
        var random = SeededGenerator(seed: UInt64(index) &+ 0x5EED)
        var rgb: [UInt8] = []
        rgb.reserveCapacity(Thumbnail.byteCount)
        for y in 0..<Thumbnail.height {
            for x in 0..<Thumbnail.width {
                let pixel: (Int, Int, Int)
                let infield = abs(x - 24) + abs(y - 22) * 2
                if (1...3).contains(y), (1...12).contains(x) {
                    pixel = y == 2 && x % 3 != 0 ? (235, 235, 235) : bug
                } else if y < 9 {
                    let shade = Int.random(in: 30...90, using: &random)
                    pixel = (shade, shade - 10, shade + 10)
                } else if infield <= 1 || (y == 22 && (x == 16 || x == 32)) {
                    pixel = (240, 240, 240)
                } else if infield < 9 {
                    pixel = (170, 115, 70)
                } else {
                    pixel = x / 4 % 2 == 0 ? (40, 135, 55) : (55, 160, 70)
                }
                rgb += [UInt8(clamping: pixel.0), UInt8(clamping: pixel.1), UInt8(clamping: pixel.2)]
            }
        }
        return PicturePreview(Thumbnail(rgb: rgb)!)
    }

    /// Black, as an encoder sends it: studio black, not quite zero.
    static let black = PicturePreview(Thumbnail(rgb: Array(repeating: 16, count: Thumbnail.byteCount))!)

    private static let teamColours = [(200, 30, 45), (20, 60, 160), (10, 40, 110), (0, 110, 70), (230, 150, 20), (110, 30, 140)]
}
