import Testing
import TallyCore
@testable import TallySources

/// Planned ad breaks against the SCTE-35 cues real playlist text carries, on a manual clock:
/// the cue in every variant is quiet; no cue, a cue in some variants only, and a break that never
/// comes back in each raise their alert, and each clears when it should.
struct AdCueTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!
    /// A 20 s ad break one minute in.
    static let adBreak = PlannedBreak(name: "ad break 1", start: t0.adding(seconds: 60), seconds: 20)

    enum Marking { case none, cueOut, dateRange }

    /// A live playlist of six 2 s segments ending at `seconds` into the night, each with its
    /// program date time, marked out at the break's start and back in at its end (`comesBackIn`).
    static func playlist(at seconds: Int, marking: Marking, comesBackIn: Bool = true) throws -> MediaPlaylist {
        let last = seconds / 2, first = max(0, last - 5)
        var text = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:\(first)\n"
        for sequence in first...last {
            let start = t0.adding(seconds: Double(sequence * 2))
            text += "#EXT-X-PROGRAM-DATE-TIME:\(start.rfc3339)\n"
            switch (marking, start) {
            case (.cueOut, adBreak.start): text += "#EXT-X-CUE-OUT:DURATION=20\n"
            case (.cueOut, adBreak.end) where comesBackIn: text += "#EXT-X-CUE-IN\n"
            case (.dateRange, adBreak.start): text += "#EXT-X-DATERANGE:ID=\"splice-1\",START-DATE=\"\(start.rfc3339)\",PLANNED-DURATION=20,SCTE35-OUT=0xFC302000\n"
            case (.dateRange, adBreak.end) where comesBackIn: text += "#EXT-X-DATERANGE:ID=\"splice-1\",START-DATE=\"\(start.rfc3339)\",SCTE35-IN=0xFC302000\n"
            default: break
            }
            text += "#EXTINF:2.0,\nseg\(sequence).ts\n"
        }
        guard case .media(let playlist) = try PlaylistParser.parse(text) else { throw PlaylistError(line: 0, message: "not media") }
        return playlist
    }

    /// A feed of two variants reloaded every 2 s for `until` seconds; the kinds of problem it
    /// shows at each of `moments`.
    static func run(_ markings: [Marking], comesBackIn: Bool = true, moments: [Int], until: Int = 170) throws -> [Int: [String]] {
        var feed = FeedWatch(feedId: "jpn-kor-primary")
        feed.breaks = [adBreak]
        let uris = ["1080p.m3u8", "720p.m3u8"]
        feed.record(MultivariantPlaylist(variants: [.init(uri: uris[0], bandwidth: 6_000_000, resolution: "1920x1080"),
                                                    .init(uri: uris[1], bandwidth: 3_000_000, resolution: "1280x720")], issues: []), at: t0)
        var seen: [Int: [String]] = [:]
        for seconds in stride(from: 0, through: until, by: 2) {
            let at = t0.adding(seconds: Double(seconds))
            for (uri, marking) in zip(uris, markings) {
                feed.record(.playlist(try playlist(at: seconds, marking: marking, comesBackIn: comesBackIn)), variant: uri, at: at)
            }
            if moments.contains(seconds) { seen[seconds] = feed.problems(at: at).filter { $0.kind.hasPrefix("scte35") }.map(\.kind) }
        }
        return seen
    }

    @Test(arguments: [Marking.cueOut, .dateRange])
    func theCueInEveryVariantIsQuiet(marking: Marking) throws {
        let seen = try Self.run([marking, marking], moments: [60, 90, 112, 140, 170])
        #expect(seen.values.allSatisfy { $0.isEmpty }, "\(seen)")
    }

    @Test func noCueRaisesMissingOnceTheWindowPassesUntilTheBreakIsOver() throws {
        let seen = try Self.run([.none, .none], moments: [88, 90, 108, 110])
        #expect(seen[88] == [], "the cue may still come within 30 s")
        #expect(seen[90] == ["scte35.missing"])
        #expect(seen[108] == ["scte35.missing"])
        #expect(seen[110] == [], "the break and its window are over")
    }

    @Test func aMissingCueIsAnErrorLabelledWithTheBreak() throws {
        var feed = FeedWatch(feedId: "jpn-kor-primary")
        feed.breaks = [Self.adBreak]
        feed.watchSingle(uri: "720p.m3u8")
        feed.record(.playlist(try Self.playlist(at: 90, marking: .none)), variant: "720p.m3u8", at: Self.t0.adding(seconds: 90))
        let problem = try #require(feed.problems(at: Self.t0.adding(seconds: 90)).first { $0.kind == "scte35.missing" })
        #expect(problem.severity == .error)
        #expect(problem.reason == "no SCTE-35 cue for ad break \"ad break 1\" at 19:01")
        #expect(feed.status(at: Self.t0.adding(seconds: 90)) == .degraded)
    }

    @Test(arguments: [Marking.cueOut, .dateRange])
    func aCueInSomeVariantsOnlyIsOutOfStep(marking: Marking) throws {
        let seen = try Self.run([marking, .none], moments: [90, 110])
        #expect(seen[90] == ["scte35.variant_sync"])
        #expect(seen[110] == [])
        var feed = FeedWatch(feedId: "f")
        feed.breaks = [Self.adBreak]
        feed.record(MultivariantPlaylist(variants: [.init(uri: "a.m3u8", bandwidth: 6_000_000, resolution: "1920x1080"),
                                                    .init(uri: "b.m3u8", bandwidth: 3_000_000, resolution: "1280x720")], issues: []), at: Self.t0)
        for seconds in stride(from: 50, through: 90, by: 2) {
            feed.record(.playlist(try Self.playlist(at: seconds, marking: marking)), variant: "a.m3u8", at: Self.t0.adding(seconds: Double(seconds)))
            feed.record(.playlist(try Self.playlist(at: seconds, marking: .none)), variant: "b.m3u8", at: Self.t0.adding(seconds: Double(seconds)))
        }
        #expect(feed.problems(at: Self.t0.adding(seconds: 90)).map(\.reason).contains(
            "SCTE-35 cue for ad break \"ad break 1\" at 19:01 missing in 720p (1 of 2 variants)"))
    }

    @Test(arguments: [Marking.cueOut, .dateRange])
    func aBreakThatNeverComesBackInOverruns(marking: Marking) throws {
        let seen = try Self.run([marking, marking], comesBackIn: false, moments: [108, 110, 170])
        #expect(seen[108] == [])
        #expect(seen[110] == ["scte35.overrun"])
        #expect(seen[170] == ["scte35.overrun"], "until the cue back in arrives")
    }

    @Test func aCueOutsideTheWindowDoesNotCount() {
        let early = CueSightings(lastOut: Self.adBreak.start.adding(seconds: -31))
        let problems = CueExpectation.problems(breaks: [Self.adBreak], variants: ["720p": early], at: Self.adBreak.start.adding(seconds: 30))
        #expect(problems.map(\.kind) == ["scte35.missing"])
        let onTime = CueSightings(lastOut: Self.adBreak.start.adding(seconds: -29), lastIn: Self.adBreak.end)
        #expect(CueExpectation.problems(breaks: [Self.adBreak], variants: ["720p": onTime], at: Self.adBreak.end.adding(seconds: 40)).isEmpty)
    }
}
