/// Markdown drawn for the terminal: headings, paragraphs, bulleted and numbered lists,
/// quotes, fenced code blocks, **strong**, *emphasis* and `code`, and links shown as their
/// text with the address after it. Lines are wrapped to the width given. Pure.
public enum MarkdownText {
    /// A run of text in one style.
    public struct Span: Sendable, Equatable {
        public var text: String
        public var role: StyleRole
    }

    public typealias Line = [Span]

    public static func lines(_ markdown: String, width: Int, glyphs: Glyphs = .unicode) -> [Line] {
        var out: [Line] = []
        var inCode = false
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).replacingOccurrences(of: "\t", with: "    ")
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") {
                inCode.toggle()
                continue
            }
            if inCode {
                out.append([Span(text: "  " + String(line.prefix(max(1, width - 2))), role: .dim)])
                continue
            }
            if trimmed.isEmpty {
                if out.last.map({ !$0.isEmpty }) ?? false { out.append([]) }
                continue
            }
            let indent = line.count - trimmed.count
            if let level = heading(trimmed) {
                let text = String(trimmed.dropFirst(level + 1))
                if out.last.map({ !$0.isEmpty }) ?? false { out.append([]) }
                out += wrap(inline(text, base: .overlayTitle).map { Span(text: level == 1 ? $0.text.uppercased() : $0.text, role: .overlayTitle) },
                            width: width, first: "", rest: "")
            } else if let (marker, body) = listItem(trimmed, glyphs: glyphs) {
                let pad = String(repeating: " ", count: indent)
                out += wrap(inline(body, base: .overlay), width: width, first: pad + marker,
                            rest: pad + String(repeating: " ", count: marker.count))
            } else if trimmed.hasPrefix(">") {
                out += wrap(inline(String(trimmed.dropFirst().drop { $0 == " " }), base: .dim), width: width, first: "│ ", rest: "│ ")
            } else {
                out += wrap(inline(String(trimmed), base: .overlay), width: width, first: "", rest: "")
            }
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    private static func heading(_ line: Substring) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        return (1...6).contains(hashes) && line.dropFirst(hashes).first == " " ? hashes : nil
    }

    private static func listItem(_ line: Substring, glyphs: Glyphs) -> (String, String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") {
            let body = line.dropFirst(2)
            if body.hasPrefix("[ ] ") { return ("☐ ", String(body.dropFirst(4))) }
            if body.hasPrefix("[x] ") || body.hasPrefix("[X] ") { return ("☑ ", String(body.dropFirst(4))) }
            return (glyphs == .ascii ? "* " : "• ", String(body))
        }
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return (digits + ". ", String(line.dropFirst(digits.count + 2)))
    }

    /// Spans of one paragraph: `code`, **strong**, *emphasis* or _emphasis_, [text](address).
    static func inline(_ text: String, base: StyleRole) -> [Span] {
        var spans: [Span] = []
        var plain = ""
        var rest = Substring(text)
        func flush() {
            if !plain.isEmpty { spans.append(Span(text: plain, role: base)) }
            plain = ""
        }
        while let first = rest.first {
            if first == "`", let close = rest.dropFirst().firstIndex(of: "`") {
                flush()
                spans.append(Span(text: String(rest[rest.index(after: rest.startIndex)..<close]), role: .dim))
                rest = rest[rest.index(after: close)...]
            } else if rest.hasPrefix("**"), let close = rest.dropFirst(2).range(of: "**") {
                flush()
                spans.append(Span(text: String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]), role: .overlayTitle))
                rest = rest[close.upperBound...]
            } else if first == "*" || first == "_", let close = rest.dropFirst().firstIndex(of: first), close > rest.index(after: rest.startIndex) {
                flush()
                spans.append(Span(text: String(rest[rest.index(after: rest.startIndex)..<close]), role: .info))
                rest = rest[rest.index(after: close)...]
            } else if first == "[", let middle = rest.range(of: "]("), let close = rest[middle.upperBound...].firstIndex(of: ")") {
                plain += rest[rest.index(after: rest.startIndex)..<middle.lowerBound]
                flush()
                spans.append(Span(text: " <" + rest[middle.upperBound..<close] + ">", role: .dim))
                rest = rest[rest.index(after: close)...]
            } else {
                plain.append(first)
                rest = rest.dropFirst()
            }
        }
        flush()
        return spans
    }

    /// Word-wraps spans to `width`, the first line led by `first` and the rest by `rest`.
    static func wrap(_ spans: [Span], width: Int, first: String, rest: String) -> [Line] {
        var lines: [Line] = []
        var line: Line = [Span(text: first, role: .overlay)]
        var used = DisplayWidth.of(first)
        for span in spans {
            for (index, word) in span.text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                let piece = (index > 0 ? " " : "") + word
                let size = DisplayWidth.of(piece)
                if used + size > width, used > DisplayWidth.of(rest) {
                    lines.append(trimmed(line))
                    line = [Span(text: rest, role: .overlay)]
                    used = DisplayWidth.of(rest)
                    let bare = String(word)
                    line.append(Span(text: bare, role: span.role))
                    used += DisplayWidth.of(bare)
                } else {
                    line.append(Span(text: piece, role: span.role))
                    used += size
                }
            }
        }
        lines.append(trimmed(line))
        return lines
    }

    private static func trimmed(_ line: Line) -> Line {
        var line = line
        while let last = line.last, last.text.hasSuffix(" ") {
            let text = String(last.text.dropLast())
            if text.isEmpty { line.removeLast() } else { line[line.count - 1].text = text }
        }
        return line
    }
}
