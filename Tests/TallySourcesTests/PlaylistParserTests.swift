import Foundation
import Testing
@testable import TallySources

/// HLS playlists from fixture files, well-formed and not.
struct PlaylistParserTests {
    static func fixture(_ name: String) -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
    }

    static func media(_ name: String) throws -> MediaPlaylist {
        guard case .media(let playlist) = try PlaylistParser.parse(fixture(name)) else {
            Issue.record("\(name) is not a media playlist")
            throw PlaylistError(line: 0, message: "not media")
        }
        return playlist
    }

    @Test func aLiveMediaPlaylistGivesItsWindowSequencesAndDiscontinuities() throws {
        let playlist = try Self.media("live-media.m3u8")
        #expect(playlist.targetDuration == 2)
        #expect(playlist.mediaSequence == 1042)
        #expect(playlist.discontinuitySequence == 3)
        #expect(playlist.segments.count == 6)
        #expect(playlist.lastSequence == 1047)
        #expect(abs(playlist.liveWindow - 11.96) < 0.001)
        #expect(playlist.segments.map(\.discontinuity) == [false, false, true, false, false, false])
        #expect(!playlist.hasEndList)
        #expect(playlist.issues.isEmpty)
    }

    @Test func aMultivariantPlaylistListsItsVariantsAndSkipsOneWithoutBandwidth() throws {
        guard case .multivariant(let playlist) = try PlaylistParser.parse(Self.fixture("multivariant.m3u8")) else {
            Issue.record("not multivariant")
            return
        }
        #expect(playlist.variants.map(\.uri) == ["1080p/index.m3u8", "720p/index.m3u8"])
        #expect(playlist.variants.first?.bandwidth == 6_000_000)
        #expect(playlist.variants.first?.averageBandwidth == 5_000_000)
        #expect(playlist.variants.first?.codecs == "avc1.640028,mp4a.40.2")
        #expect(playlist.issues.map(\.description) == ["line 8: EXT-X-STREAM-INF without a BANDWIDTH; variant skipped"])
    }

    @Test func endListAndPlaylistTypeAreRead() throws {
        let playlist = try Self.media("ended.m3u8")
        #expect(playlist.hasEndList)
        #expect(playlist.playlistType == "EVENT")
    }

    @Test func cueMarkersAreKeptWithTheirSegments() throws {
        let playlist = try Self.media("cues.m3u8")
        #expect(playlist.cues == ["CUE-OUT", "SCTE35-IN"])
        #expect(playlist.segments.map(\.cue) == [nil, "CUE-OUT", "SCTE35-IN"])
    }

    @Test func garbageLinesAreNotedAndSkippedWhileGoodSegmentsAreKept() throws {
        let playlist = try Self.media("garbage.m3u8")
        #expect(playlist.segments.map(\.uri) == ["good.ts", "good2.ts"])
        #expect(playlist.issues.map(\.line) == [4, 5, 6, 9])
    }

    @Test(arguments: [
        ("html-error.m3u8", "line 1: not a playlist: starts with \"<!DOCTYPE html>\""),
        ("no-target.m3u8", "line 2: a media playlist without EXT-X-TARGETDURATION"),
        ("missing.m3u8", "line 1: empty answer, not a playlist"),
    ])
    func unusableDocumentsAreErrorsWithALine(name: String, expected: String) {
        do {
            _ = try PlaylistParser.parse(Self.fixture(name))
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func quotedAttributesMayHoldCommas() {
        let attributes = PlaylistParser.attributes(#"BANDWIDTH=1,CODECS="a,b",NAME="x""#)
        #expect(attributes == ["BANDWIDTH": "1", "CODECS": "a,b", "NAME": "x"])
    }
}
