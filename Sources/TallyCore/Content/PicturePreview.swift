import Foundation

/// A checked picture small enough to send, record and draw in a terminal: 32 × 18 pixels in
/// the xterm palette's cube and greys (one byte a pixel, 768 characters of base64), made from a
/// check's `Thumbnail` by averaging the pixels each one covers.
public struct PicturePreview: Sendable, Equatable {
    public static let width = 32
    public static let height = 18
    public static let byteCount = width * height
    /// The length of `base64`.
    public static let encodedLength = (byteCount + 2) / 3 * 4

    /// Palette indices (16…255), row by row.
    public let indices: [UInt8]

    /// Nil unless `indices` holds one picture of the size, every index in the cube or the greys.
    public init?(indices: [UInt8]) {
        guard indices.count == Self.byteCount, indices.allSatisfy({ $0 >= 16 }) else { return nil }
        self.indices = indices
    }

    /// Decodes what `base64` wrote; nil for anything else.
    public init?(base64: String) {
        guard base64.utf8.count == Self.encodedLength, let data = Data(base64Encoded: base64) else { return nil }
        self.init(indices: Array(data))
    }

    /// `thumbnail` scaled down and mapped to the palette.
    public init(_ thumbnail: Thumbnail) {
        let rgb = Self.resample(thumbnail.rgb, from: (Thumbnail.width, Thumbnail.height), to: (Self.width, Self.height))
        indices = rgb.map { UInt8(XtermPalette.nearest256(to: $0)) }
    }

    public var base64: String { Data(indices).base64EncodedString() }

    /// The picture as `width` × `height` RGB pixels, row by row, each the average of what it covers.
    public func pixels(width: Int, height: Int) -> [XtermPalette.RGB] {
        let rgb = indices.flatMap { index -> [UInt8] in
            let color = XtermPalette.rgb(ofIndex: Int(index))
            return [UInt8(color.red), UInt8(color.green), UInt8(color.blue)]
        }
        return Self.resample(rgb, from: (Self.width, Self.height), to: (max(1, width), max(1, height)))
    }

    /// Box-filters an RGB picture of `from` pixels to `to`: each output pixel is the average of
    /// the input area it covers, fractions of pixels counted by their share.
    static func resample(_ rgb: [UInt8], from: (Int, Int), to: (Int, Int)) -> [XtermPalette.RGB] {
        let scaleX = Double(from.0) / Double(to.0), scaleY = Double(from.1) / Double(to.1)
        var out: [XtermPalette.RGB] = []
        out.reserveCapacity(to.0 * to.1)
        for row in 0..<to.1 {
            let top = Double(row) * scaleY, bottom = top + scaleY
            for column in 0..<to.0 {
                let left = Double(column) * scaleX, right = left + scaleX
                var sums = (0.0, 0.0, 0.0), area = 0.0
                for y in Int(saturating: top)..<min(from.1, Int(saturating: bottom.rounded(.up))) {
                    let height = min(bottom, Double(y + 1)) - max(top, Double(y))
                    for x in Int(saturating: left)..<min(from.0, Int(saturating: right.rounded(.up))) {
                        let share = height * (min(right, Double(x + 1)) - max(left, Double(x)))
                        let index = (y * from.0 + x) * 3
                        sums.0 += share * Double(rgb[index])
                        sums.1 += share * Double(rgb[index + 1])
                        sums.2 += share * Double(rgb[index + 2])
                        area += share
                    }
                }
                out.append((Int(saturating: (sums.0 / area).rounded()), Int(saturating: (sums.1 / area).rounded()), Int(saturating: (sums.2 / area).rounded())))
            }
        }
        return out
    }
}
