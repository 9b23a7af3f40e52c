import Glibc

/// The run configuration's file, watched for edits: its modification time and size, read
/// with one `stat` per look.
public struct ScheduleFile {
    public let path: String
    private var stamp: [Int64]

    public init(path: String) {
        self.path = path
        stamp = Self.stamp(of: path)
    }

    /// Whether the file changed since the last look (or since it was read at start).
    public mutating func hasChanged() -> Bool {
        let now = Self.stamp(of: path)
        defer { stamp = now }
        return now != stamp
    }

    private static func stamp(of path: String) -> [Int64] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        return [Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec), Int64(info.st_size)]
    }
}
