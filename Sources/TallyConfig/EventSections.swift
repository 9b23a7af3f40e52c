import Foundation

/// Splits the block list under `events:` of a large `tally.yaml` into slices that parse side
/// by side, each padded with blank lines so that every line keeps its number (and every
/// error its `file:line`). A file it cannot split safely — a flow-style list, anchors or
/// aliases that may cross slices, or too few events to be worth it — is parsed whole.
/// Works on the UTF-8 bytes: splitting must cost far less than the parse it shares out.
struct EventSections {
    /// The file with the events' lines blanked (and `events: []` in place of the key).
    var main: String
    /// Each slice as a document of its own, and the index of its first event.
    var slices: [(text: String, firstIndex: Int)]

    static let minimumEvents = 256

    init?(_ text: String, slices count: Int) {
        let bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        func line(_ number: Int) -> ArraySlice<UInt8> {
            let end = number + 1 < starts.count ? starts[number + 1] - 1 : bytes.count
            return bytes[starts[number]..<max(starts[number], end)]
        }
        func isBlank(_ number: Int) -> Bool {
            let content = line(number).drop { $0 == UInt8(ascii: " ") }
            return content.isEmpty || content.first == UInt8(ascii: "#") || content.first == UInt8(ascii: "\r")
        }
        let key = Array("events:".utf8), dash = [UInt8(ascii: "-"), UInt8(ascii: " ")]
        guard count > 1, let keyLine = starts.indices.first(where: { number in
            line(number).starts(with: key) && line(number).dropFirst(key.count).allSatisfy { $0 == 32 || $0 == 13 }
        }), let first = (keyLine + 1..<starts.count).first(where: { !isBlank($0) }) else { return nil }
        let indent = line(first).prefix { $0 == UInt8(ascii: " ") }.count
        guard indent > 0, line(first).dropFirst(indent).starts(with: dash) else { return nil }
        let end = (first + 1..<starts.count).first { !isBlank($0) && line($0).first != UInt8(ascii: " ") } ?? starts.count
        let marker = [UInt8](repeating: UInt8(ascii: " "), count: indent) + dash
        let items = (first..<end).filter { line($0).starts(with: marker) }
        let sectionBytes = bytes[starts[first]..<(end < starts.count ? starts[end] : bytes.count)]
        guard items.count >= Self.minimumEvents, !sectionBytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") })
        else { return nil }
        let per = (items.count + count - 1) / count
        slices = stride(from: 0, to: items.count, by: per).map { start in
            let from = items[start], to = start + per < items.count ? items[start + per] : end
            let body = bytes[starts[from]..<(to < starts.count ? starts[to] : bytes.count)]
            return (String(repeating: "\n", count: from - 1) + "events:\n" + String(decoding: body, as: UTF8.self), start)
        }
        var blanked = Array(bytes[..<starts[keyLine]]) + Array("events: []\n".utf8)
        blanked += [UInt8](repeating: UInt8(ascii: "\n"), count: end - keyLine - 1)
        if end < starts.count { blanked += bytes[starts[end]...] }
        main = String(decoding: blanked, as: UTF8.self)
    }
}
