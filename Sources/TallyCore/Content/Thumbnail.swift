/// A checked segment's first picture, scaled down to `width` × `height`, RGB with 8 bits a
/// channel, row by row: enough to measure how dark it is and whether it changed, and to draw in
/// a terminal cell grid.
public struct Thumbnail: Sendable, Equatable {
    public static let width = 48
    public static let height = 27
    public static let byteCount = width * height * 3

    public let rgb: [UInt8]

    /// Nil unless `rgb` holds exactly one picture of the size.
    public init?(rgb: [UInt8]) {
        guard rgb.count == Self.byteCount else { return nil }
        self.rgb = rgb
    }

    /// Each pixel's luma (BT.601 weights), 0…255.
    public var luma: [Double] {
        stride(from: 0, to: rgb.count, by: 3).map { (index: Int) -> Double in
            let red = 0.299 * Double(rgb[index]), green = 0.587 * Double(rgb[index + 1]), blue = 0.114 * Double(rgb[index + 2])
            return red + green + blue
        }
    }

    /// The picture's measures, and its change from the `previous` check's.
    public func picture(comparedWith previous: Thumbnail?) -> ContentChecked.Picture {
        let luma = luma
        let threshold = ContentRules.blackPixel * 255
        let black = Double(luma.count { $0 < threshold }) / Double(luma.count)
        let change = previous.map { previous in zip(luma, previous.luma).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(luma.count) }
        return ContentChecked.Picture(luma: luma.reduce(0, +) / Double(luma.count), black: black, change: change)
    }
}
