import Foundation
import TallyCore

/// Reads HLS playlists (RFC 8216) leniently, as players do: an unknown tag or a garbage line is
/// noted and skipped; only what makes the playlist unusable (not a playlist at all, no target
/// duration, no segments or variants) is an error, and so is a number past what a live stream
/// can carry (`Limits`): a target duration over an hour, a sequence number past 2^53.
public enum PlaylistParser {
    /// Variants watched at most; the rest of a longer list are counted, not watched.
    public static let variantCap = 64

    public static func parse(_ text: String) throws(PlaylistError) -> Playlist {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().map { ($0 + 1, $1) }
        guard let first = lines.first(where: { !$0.1.allSatisfy(\.isWhitespace) }) else {
            throw PlaylistError(line: 1, message: "empty answer, not a playlist")
        }
        let head = first.1.trimmedOfSpaces.filter { $0 != "\u{FEFF}" }
        guard head == "#EXTM3U" else {
            throw PlaylistError(line: first.0, message: "not a playlist: starts with \"\(String(head.prefix(40)))\"")
        }
        lines.removeAll { $0.0 <= first.0 }
        let isMultivariant = lines.contains { $0.1.hasPrefix("#EXT-X-STREAM-INF:") }
        return isMultivariant ? .multivariant(try multivariant(lines)) : .media(try media(lines))
    }

    private static func multivariant(_ lines: [(Int, Substring)]) throws(PlaylistError) -> MultivariantPlaylist {
        var variants: [MultivariantPlaylist.Variant] = []
        var issues: [PlaylistIssue] = []
        var pending: (line: Int, attributes: [String: String])?
        var unwatched = 0
        for (number, raw) in lines {
            let line = raw.trimmedOfSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("#EXT-X-STREAM-INF:") {
                pending = (number, attributes(line.dropFirst(18)))
            } else if line.hasPrefix("#") {
                continue
            } else if let stream = pending {
                pending = nil
                guard let declared = stream.attributes["BANDWIDTH"] else {
                    issues.append(PlaylistIssue(line: stream.line, message: "EXT-X-STREAM-INF without a BANDWIDTH; variant skipped"))
                    continue
                }
                guard let bandwidth = bitrate(declared) else {
                    issues.append(PlaylistIssue(line: stream.line, message: "BANDWIDTH \(quoted(declared[...])) is not a whole number of bits a second up to 10 Tb/s; variant skipped"))
                    continue
                }
                guard variants.count < variantCap else {
                    unwatched += 1
                    continue
                }
                variants.append(.init(uri: String(line), bandwidth: bandwidth, averageBandwidth: stream.attributes["AVERAGE-BANDWIDTH"].flatMap(bitrate),
                                      resolution: stream.attributes["RESOLUTION"], codecs: stream.attributes["CODECS"]))
            } else {
                issues.append(PlaylistIssue(line: number, message: "a URI with no EXT-X-STREAM-INF before it"))
            }
        }
        guard !variants.isEmpty else { throw PlaylistError(line: lines.first?.0 ?? 1, message: "a multivariant playlist with no usable variant") }
        return MultivariantPlaylist(variants: variants, issues: issues, unwatched: unwatched)
    }

    /// A BANDWIDTH or AVERAGE-BANDWIDTH within `Limits.bitrate`.
    private static func bitrate(_ text: String) -> Int? {
        Int(text).flatMap { Limits.bitrate.contains(Double($0)) ? $0 : nil }
    }

    private static func media(_ lines: [(Int, Substring)]) throws(PlaylistError) -> MediaPlaylist {
        var playlist = MediaPlaylist(targetDuration: 0, mediaSequence: 0, discontinuitySequence: 0, segments: [], hasEndList: false,
                                     playlistType: nil, issues: [])
        var duration: Double?
        var discontinuity = false
        var cue: String?
        var programDateTime: Instant?
        var sawTarget = false
        for (number, raw) in lines {
            let line = raw.trimmedOfSpaces
            if line.isEmpty { continue }
            func integer(_ prefix: Int) -> Int? { Int(line.dropFirst(prefix).trimmedOfSpaces) }
            if line.hasPrefix("#EXTINF:") {
                let value = line.dropFirst(8).prefix { $0 != "," }
                guard let seconds = Double(value), seconds.isFinite, Limits.segmentSeconds.contains(seconds) else {
                    playlist.issues.append(PlaylistIssue(line: number, message: "EXTINF duration \"\(value.prefix(40))\" is not a number of seconds from 0 to 3600"))
                    continue
                }
                duration = seconds
            } else if line.hasPrefix("#EXT-X-TARGETDURATION:") {
                guard let value = integer(22), Limits.targetDuration.contains(value) else {
                    throw PlaylistError(line: number, message: "EXT-X-TARGETDURATION \(quoted(line.dropFirst(22))) is not a whole number of seconds from 1 to 3600")
                }
                playlist.targetDuration = Double(value)
                sawTarget = true
            } else if line.hasPrefix("#EXT-X-MEDIA-SEQUENCE:") {
                guard let value = integer(22), Limits.sequence.contains(value) else {
                    throw PlaylistError(line: number, message: "EXT-X-MEDIA-SEQUENCE \(quoted(line.dropFirst(22))) is not a whole number from 0 to 2^53")
                }
                playlist.mediaSequence = value
            } else if line.hasPrefix("#EXT-X-DISCONTINUITY-SEQUENCE:") {
                guard let value = integer(30), Limits.sequence.contains(value) else {
                    throw PlaylistError(line: number, message: "EXT-X-DISCONTINUITY-SEQUENCE \(quoted(line.dropFirst(30))) is not a whole number from 0 to 2^53")
                }
                playlist.discontinuitySequence = value
            } else if line == "#EXT-X-DISCONTINUITY" {
                discontinuity = true
            } else if line == "#EXT-X-ENDLIST" {
                playlist.hasEndList = true
            } else if line.hasPrefix("#EXT-X-PLAYLIST-TYPE:") {
                playlist.playlistType = String(line.dropFirst(21))
            } else if line.hasPrefix("#EXT-X-PROGRAM-DATE-TIME:") {
                guard let instant = Self.programDateTime(line.dropFirst(25)) else {
                    playlist.issues.append(PlaylistIssue(line: number, message: "EXT-X-PROGRAM-DATE-TIME \(quoted(line.dropFirst(25))) is not a date and time from 1970 to 2200"))
                    continue
                }
                programDateTime = instant
            } else if let marker = cueMarker(line) {
                cue = marker
            } else if line.hasPrefix("#") {
                continue
            } else if let seconds = duration {
                playlist.segments.append(.init(uri: String(line), duration: seconds, discontinuity: discontinuity, cue: cue, programDateTime: programDateTime))
                duration = nil
                discontinuity = false
                cue = nil
                programDateTime = nil
            } else {
                playlist.issues.append(PlaylistIssue(line: number, message: "\"\(String(line.prefix(40)))\" is neither a tag nor a segment after EXTINF"))
            }
        }
        guard sawTarget else { throw PlaylistError(line: lines.first?.0 ?? 1, message: "a media playlist without EXT-X-TARGETDURATION") }
        return playlist
    }

    /// An ISO 8601 date and time as HLS writes it (`2026-03-14T19:00:00.000Z`, or an offset
    /// without its colon, `+0000`, as ffmpeg writes it), from 1970 to 2200.
    static func programDateTime(_ text: Substring) -> Instant? {
        var text = String(text.trimmedOfSpaces.prefix(64))
        let offset = text.suffix(5)
        if offset.count == 5, let sign = offset.first, sign == "+" || sign == "-", offset.dropFirst().allSatisfy(\.isNumber) {
            text.insert(":", at: text.index(text.endIndex, offsetBy: -2))
        }
        guard let instant = Instant(rfc3339: text), (0...7_258_118_400_000).contains(instant.millisecondsSinceEpoch) else { return nil }
        return instant
    }

    /// A value as it stood, quoted and cut short for a message.
    private static func quoted(_ text: Substring) -> String { "\"\(text.trimmedOfSpaces.prefix(40))\"" }

    /// `CUE-OUT`, `CUE-OUT-CONT` (a break going on), `CUE-IN`, or the SCTE-35 attribute of an `EXT-X-DATERANGE`.
    private static func cueMarker(_ line: Substring) -> String? {
        if line.hasPrefix("#EXT-X-CUE-OUT-CONT") { return "CUE-OUT-CONT" }
        if line.hasPrefix("#EXT-X-CUE-OUT") { return "CUE-OUT" }
        if line.hasPrefix("#EXT-X-CUE-IN") { return "CUE-IN" }
        if line.hasPrefix("#EXT-X-DATERANGE:") {
            for kind in ["SCTE35-OUT", "SCTE35-IN", "SCTE35-CMD"] where line.contains(kind + "=") { return kind }
        }
        return nil
    }

    /// `KEY=value,KEY="quoted, value"` attribute lists (§4.2).
    static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var index = text.startIndex
        while index < text.endIndex {
            guard let equals = text[index...].firstIndex(of: "=") else { break }
            let key = String(text[index..<equals].trimmedOfSpaces)
            var valueStart = text.index(after: equals)
            var value: Substring
            if valueStart < text.endIndex, text[valueStart] == "\"" {
                valueStart = text.index(after: valueStart)
                let close = text[valueStart...].firstIndex(of: "\"") ?? text.endIndex
                value = text[valueStart..<close]
                index = close < text.endIndex ? text.index(after: close) : close
            } else {
                let comma = text[valueStart...].firstIndex(of: ",") ?? text.endIndex
                value = text[valueStart..<comma]
                index = comma
            }
            result[key] = String(value)
            if index < text.endIndex, text[index] == "," { index = text.index(after: index) }
        }
        return result
    }
}

extension Substring {
    /// Without the spaces and tabs at either end (a line's own ends are cut off already), read
    /// scalar by scalar: Foundation's `trimmingCharacters(in: .whitespaces)` went through
    /// `NSString` and was most of a playlist's parse.
    var trimmedOfSpaces: Substring {
        var scalars = unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return Substring(scalars)
    }
}
