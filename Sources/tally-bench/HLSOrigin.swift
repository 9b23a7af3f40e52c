import ArgumentParser
import Foundation
import Glibc

/// `tally-bench hls-origin`: a live HLS origin for the monitor benchmark and the live console's
/// end-to-end test. Every feed's media playlist gains a segment each target duration; segments
/// are small fixed bodies. HTTP/1.1 with keep-alive, a thread per connection; prints `port N`
/// once listening. With `--freeze-file`, playlists whose path contains a line of that file stop
/// growing from the file's modification time (a stale feed) until the file is removed.
struct HLSOrigin: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hls-origin", abstract: "Serve live HLS playlists (benchmark).",
                                                    shouldDisplay: false)

    @Option var targetDuration = 2
    @Option var segmentBytes = 40_000
    @Option var freezeFile: String?
    @Option(help: "Serve this file as every segment (a real one, for content checks) instead of filler bytes.")
    var segmentFile: String?

    func run() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard bound == 0, listen(listener, 512) == 0 else { throw ExitCode(1) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        FileHandle.standardOutput.write(Data("port \(UInt16(bigEndian: address.sin_port))\n".utf8))
        let segment = try segmentFile.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) } ?? [UInt8](repeating: 0x47, count: segmentBytes)
        let target = targetDuration, freeze = freezeFile
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            Thread { Self.serve(connection, target: target, segment: segment, freeze: freeze) }.start()
        }
    }

    private static func serve(_ connection: Int32, target: Int, segment: [UInt8], freeze: String?) {
        defer { close(connection) }
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            guard let end = pending.firstRange(of: [13, 10, 13, 10]) else {
                let count = recv(connection, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                pending += buffer[0..<count]
                continue
            }
            let head = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
            pending.removeFirst(end.upperBound)
            let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            let body: [UInt8] = path.hasSuffix(".m3u8") ? Array(playlist(target: target, frozenSince: frozenSince(path, freeze: freeze)).utf8) : segment
            let type = path.hasSuffix(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t"
            let response = Array("HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
            var offset = 0
            while offset < response.count {
                let sent = response[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }

    /// When `path` was frozen: the freeze file's modification time when one of its lines is
    /// part of the path.
    private static func frozenSince(_ path: String, freeze: String?) -> Date? {
        guard let freeze, let text = try? String(contentsOfFile: freeze, encoding: .utf8),
              text.split(separator: "\n").contains(where: { path.contains($0) }) else { return nil }
        return (try? FileManager.default.attributesOfItem(atPath: freeze))?[.modificationDate] as? Date
    }

    /// The live window as it stands now (or stood when frozen): six segments, the newest begun
    /// at the last whole target duration.
    private static func playlist(target: Int, frozenSince: Date?) -> String {
        let newest = Int((frozenSince ?? Date()).timeIntervalSince1970) / target
        var text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:\(target)\n#EXT-X-MEDIA-SEQUENCE:\(newest - 5)\n"
        for sequence in (newest - 5)...newest { text += "#EXTINF:\(target).000,\nseg-\(sequence).ts\n" }
        return text
    }
}
