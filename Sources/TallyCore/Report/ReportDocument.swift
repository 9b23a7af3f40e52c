import Foundation

/// A report laid out once, as headed sections of lines and tables with numbered notes, and
/// written out as aligned text for a terminal or as Markdown for a wiki.
public struct ReportDocument: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var columns: [String]
        public var rows: [[String]]

        /// Whether a column holds figures (every cell starts with a digit or is `–`), to be aligned right.
        func isFigures(_ column: Int) -> Bool {
            column > 0 && rows.allSatisfy { row in
                guard row.indices.contains(column), let first = row[column].first else { return true }
                return first.isNumber || first == "–"
            }
        }
    }

    public struct Section: Sendable, Equatable {
        public var title: String
        /// The number of the note that says how its figures were computed.
        public var note: Int?
        public var lines: [String] = []
        public var table: Table?
        /// Lines drawn as they are (a text chart): a fenced block in Markdown.
        public var preformatted: [String] = []

        var isEmpty: Bool { lines.isEmpty && table == nil && preformatted.isEmpty }
    }

    public var title: String
    public var subtitle: String
    public var sections: [Section] = []
    /// How each figure was computed, numbered from 1.
    public var notes: [String] = []

    /// Adds a section whose figures `note` explains (numbered in the order added).
    mutating func add(_ title: String, note: String? = nil, lines: [String] = [], table: Table? = nil, preformatted: [String] = []) {
        var number: Int?
        if let note {
            notes.append(note)
            number = notes.count
        }
        sections.append(Section(title: title, note: number, lines: lines, table: table?.rows.isEmpty == false ? table : nil,
                                preformatted: preformatted))
    }

    /// Adds `other`'s sections after these, its notes numbered on from these.
    mutating func append(_ other: ReportDocument) {
        let offset = notes.count
        notes += other.notes
        sections += other.sections.map { section in
            var moved = section
            moved.note = section.note.map { $0 + offset }
            return moved
        }
    }


    /// Aligned text: each table's columns padded to their widest cell, figures to the right.
    public var text: String {
        var out = [title, subtitle]
        for section in sections {
            out.append("")
            out.append(section.title + (section.note.map { " [\($0)]" } ?? ""))
            out += section.lines.map { "  " + $0 }
            if let table = section.table { out += Self.aligned(table).map { "  " + $0 } }
            out += section.preformatted.map { "  " + $0 }
            if section.isEmpty { out.append("  none") }
        }
        out.append("")
        out.append("How the figures were computed")
        out += notes.enumerated().map { "  [\($0.offset + 1)] \($0.element)" }
        return out.joined(separator: "\n") + "\n"
    }

    /// Markdown: a heading per section, its lines as a list and its table as a pipe table.
    public var markdown: String {
        var out = ["# \(title)", "", subtitle]
        for section in sections {
            out += ["", "## " + section.title + (section.note.map { " [\($0)]" } ?? ""), ""]
            out += section.lines.map { "- " + $0 }
            if let table = section.table {
                if !section.lines.isEmpty { out.append("") }
                out.append("| " + table.columns.map(Self.escaped).joined(separator: " | ") + " |")
                out.append("|" + table.columns.indices.map { table.isFigures($0) ? " ---: |" : " --- |" }.joined())
                out += table.rows.map { "| " + $0.map(Self.escaped).joined(separator: " | ") + " |" }
            }
            if !section.preformatted.isEmpty {
                if !section.lines.isEmpty || section.table != nil { out.append("") }
                out += ["```text"] + section.preformatted + ["```"]
            }
            if section.isEmpty { out.append("None.") }
        }
        out += ["", "## How the figures were computed", ""]
        out += notes.enumerated().map { "\($0.offset + 1). \($0.element)" }
        return out.joined(separator: "\n") + "\n"
    }

    private static func aligned(_ table: Table) -> [String] {
        let all = [table.columns] + table.rows
        let widths = table.columns.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let room = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return table.isFigures(column) ? room + cell : cell + room
            }.joined(separator: "  ").trailingSpacesDropped
        }
    }

    /// A cell that cannot break the table: pipes escaped, line breaks made spaces.
    private static func escaped(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

extension String {
    /// The text without the spaces padding its end.
    var trailingSpacesDropped: String { String(reversed().drop { $0 == " " }.reversed()) }
}
