import Foundation
import TallyCore

/// A PostgreSQL password file, as libpq reads `~/.pgpass` and `PGPASSFILE`: one
/// `host:port:database:user:password` a line, `*` matching anything in the first four fields,
/// `\:` and `\\` for a colon or a backslash, `#` starting a comment. A file that others may read
/// is refused, as libpq refuses it; so is a line without its five fields, with its number.
public struct PasswordFile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var host, port, database, user, password: String
    }

    public var entries: [Entry]

    /// Reads the file at `path` (up to 1 MiB), refusing one that its group or others may read.
    public static func load(path: String) throws(ConfigProblem) -> PasswordFile {
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int, mode & 0o077 != 0 {
            throw ConfigProblem(file: path, line: 1, message: "its group or others may read it (mode \(String(mode & 0o777, radix: 8))): chmod 0600 it")
        }
        return try parse(try ConsoleConfig.text(of: path), file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigProblem) -> PasswordFile {
        var entries: [Entry] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = Self.fields(of: line)
            guard fields.count == 5 else {
                throw ConfigProblem(file: file, line: number + 1, message: "not host:port:database:user:password (\(fields.count) fields)")
            }
            entries.append(Entry(host: fields[0], port: fields[1], database: fields[2], user: fields[3], password: fields[4]))
        }
        return PasswordFile(entries: entries)
    }

    /// The password of the first entry that matches `address`, as libpq picks it (a socket
    /// connection matches the host `localhost`).
    public func password(for address: RoomAddress) -> String? {
        let host = address.host ?? "localhost"
        return entries.first { entry in
            [(entry.host, host), (entry.port, String(address.port)), (entry.database, address.database), (entry.user, address.user)]
                .allSatisfy { pattern, value in pattern == "*" || pattern == value }
        }?.password
    }

    /// The fields of a line, split at unescaped colons.
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
