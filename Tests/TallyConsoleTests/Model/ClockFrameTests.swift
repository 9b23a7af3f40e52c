import TallyCore
import TallyScreen
import Testing
@testable import TallyConsole

/// A calm console redraws the whole screen every two seconds, as htop and btop refresh, and in
/// between only the clock's own cells, so a quiet SSH link carries a few bytes a second.
struct ClockFrameTests {
    static func sample(bitrate: Int) -> BusEvent {
        .feedSample(FeedSample(feedId: "wbc-01-primary", variant: "1080p", targetDuration: 2, playlistAge: 1, mediaSequence: 10,
                               discontinuitySequence: 0, liveWindow: 30, segmentDownloadTime: 0.3, measuredBitrate: bitrate,
                               declaredBitrate: 6_000_000, errors: 0))
    }

    /// The rows of two frames that differ.
    static func changedRows(_ old: Canvas, _ new: Canvas) -> [Int] {
        (0..<new.size.height).filter { old.text(row: $0) != new.text(row: $0) }
    }

    static func paints(_ effects: [ConsoleEffect]) -> [Canvas] {
        effects.compactMap { if case .paint(let canvas) = $0 { canvas } else { nil } }
    }

    @Test func betweenWholeFramesOnlyTheHeaderIsRedrawnAndASampleWaitsForTheNextWholeFrame() throws {
        var rig = ModelRig()
        let event = LiveEventScheduled(eventId: "wbc-01", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet,
                                       start: ModelRig.at(600), end: ModelRig.at(9000),
                                       feeds: [FeedDescriptor(feedId: "wbc-01-primary", role: .primary, path: "fibre")])
        rig.send(.envelopes([rig.envelope(.eventScheduled(event), at: 0),
                             rig.envelope(.feedHealth(FeedHealthChanged(feedId: "wbc-01-primary", status: .degraded)), at: 0),
                             rig.envelope(Self.sample(bitrate: 5_000_000), at: 0)]))
        let first = try #require(Self.paints(rig.tick(at: 0, wall: 0)).first)
        rig.send(.envelopes([rig.envelope(Self.sample(bitrate: 9_000_000), at: 1)]))
        let clock = try #require(Self.paints(rig.tick(at: 1, wall: 1)).first, "the clock's second is drawn")
        #expect(Self.changedRows(first, clock) == [0], "only the header's clock changed")
        #expect(clock.text(row: 0).contains("19:00:01"))
        #expect(Self.paints(rig.tick(at: 1, wall: 1.5)).isEmpty, "nothing more within the second")
        let whole = try #require(Self.paints(rig.tick(at: 2, wall: 2)).first, "the calm frame two seconds on")
        #expect(whole.text(row: 0).contains("19:00:02"))
        #expect(whole.text.contains("9.0M") && !clock.text.contains("9.0M"), "the sample is drawn with the whole frame")
        #expect(whole == rig.model.render(in: rig.model.context), "the clock frames left nothing behind a whole frame would not draw")
    }

    @Test func anUrgentChangeIsDrawnWholeAtOnceBetweenCalmFrames() throws {
        var rig = ModelRig()
        rig.tick(at: 0, wall: 0)
        rig.send(.envelopes([rig.envelope(ConsoleModelTests.raised, at: 0.5)]))
        let frame = try #require(Self.paints(rig.tick(at: 0.5, wall: 0.5)).first)
        #expect(frame.text.contains("playlist stale"))
    }

    @Test func aReplaysStripMovesWithTheClock() throws {
        var rig = ModelRig(size: Size(width: 120, height: 40))
        let strip = ReplayStrip(start: ModelRig.at(0), end: ModelRig.at(100), marks: [])
        let mode = ConsoleMode.demo(speed: 1, isPaused: false, isFinished: false)
        let first = try #require(Self.paints(rig.send(.tick(ConsoleTick(wall: 0, now: ModelRig.at(0), mode: mode, strip: strip)))).first)
        let later = try #require(Self.paints(rig.send(.tick(ConsoleTick(wall: 1, now: ModelRig.at(50), mode: mode, strip: strip)))).first)
        #expect(Self.changedRows(first, later) == [0, 38], "the header and the strip, where the replay stands")
        #expect(later == rig.model.render(in: rig.model.context))
    }
}
