import Foundation
import TallyCore

/// A recording written in numbered parts (`night-0001.jsonl`, `night-0002.jsonl.gz`, …) and
/// read back as one: named by its base path (`night.jsonl`), the parts are joined in order.
public enum RecordingSeries {
    /// The path of part `number` of the recording named `base`: the number goes before the
    /// `.jsonl` (or the last extension).
    public static func partPath(of base: String, number: Int) -> String {
        let (stem, extensions) = split(base)
        return stem + String(format: "-%04d", number) + extensions
    }

    /// The parts of `base` on disk, in order; empty when it has none.
    public static func parts(of base: String) -> [String] {
        var found: [String] = []
        while FileManager.default.fileExists(atPath: partPath(of: base, number: found.count + 1)) {
            found.append(partPath(of: base, number: found.count + 1))
        }
        return found
    }

    /// The files `path` names: itself, or when it is the base name of parts, the parts.
    public static func files(of path: String) -> [String] {
        let parts = parts(of: path)
        return parts.isEmpty || FileManager.default.fileExists(atPath: path) ? [path] : parts
    }

    /// Reads `path`: the file itself, or when it is the base name of parts, all of them joined.
    public static func read(_ path: String, reader: RecordingReader = RecordingReader()) throws(RecordingError) -> Recording {
        let parts = parts(of: path)
        guard !parts.isEmpty, !FileManager.default.fileExists(atPath: path) else { return try reader.read(path: path) }
        var joined = try reader.read(path: parts[0])
        joined.header.meta["part"] = nil
        joined.header.meta["parts"] = String(parts.count)
        for part in parts.dropFirst() {
            let next = try reader.read(path: part)
            joined.envelopes += next.envelopes
            joined.issues += next.issues
            joined.hasTruncatedTail = next.hasTruncatedTail
        }
        return joined
    }

    private static func split(_ path: String) -> (stem: String, extensions: String) {
        let name = (path as NSString).lastPathComponent
        let folder = String(path.dropLast(name.count))
        if let range = name.range(of: ".jsonl") { return (folder + name[..<range.lowerBound], String(name[range.lowerBound...])) }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return (folder + name[..<dot], String(name[dot...])) }
        return (path, "")
    }
}
