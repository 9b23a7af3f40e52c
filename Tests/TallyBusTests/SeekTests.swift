import Foundation
import Testing
import TallyCore
import TallyScenarios
@testable import TallyBus

/// Replay is deterministic: the state at a moment is the same whether the player got there by
/// playing from the start, seeking forwards, or seeking backwards, and playing on from a seek
/// arrives where playing from the start does. Each holds for the night held in memory, for the
/// night read from disk through its index, and for the night streamed as it is read.
struct SeekTests {
    static let night = RecordingToolsTests.night

    /// Where the player reads the night from.
    enum Source: CaseIterable, Sendable {
        case memory, indexed, streaming
    }

    /// The night on disk, written once per test run (and kept between runs under a name
    /// that changes with the night), with its index.
    static let indexedNight: Result<RecordingIndex, any Error> = Result {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tally-tests-night-\(night.envelopes.count)-\(night.envelopes.last?.seq ?? 0).jsonl").path
        if !FileManager.default.fileExists(atPath: path) {
            let written = path + ".\(getpid()).part"
            try night.write(to: written)
            try FileManager.default.moveItem(atPath: written, toPath: path)
        }
        return try RecordingIndex.open(for: path)
    }

    static func player(_ source: Source, speed: Double = 1, paused: Bool = false) throws -> RecordingPlayer {
        switch source {
        case .memory: RecordingPlayer(recording: night, speed: speed, paused: paused, atWall: 0)
        case .indexed: RecordingPlayer(source: try IndexedSource(index: indexedNight.get()), speed: speed, paused: paused, atWall: 0)
        case .streaming:
            // As the console does before a jump: the glance over the night gives the alerts' marks.
            RecordingPlayer(source: try { var source = try StreamingSource(path: BuiltInDemo.path()); source.finishReading(); return source }(),
                            speed: speed, paused: paused, atWall: 0)
        }
    }

    static var moments: [Instant] {
        (1...10).map { night.start.adding(seconds: night.end.seconds(since: night.start) * Double($0) / 11) }
    }

    @Test(arguments: Source.allCases)
    func aSeekInAnyOrderGivesTheStatePlayingFromTheStartGives(_ source: Source) throws {
        var player = try Self.player(source, paused: true)
        let played = Self.moments.map { Self.night.state(at: $0) }
        #expect(try Self.moments.map { try player.seek(to: $0, atWall: 0) } == played, "forwards")
        #expect(try Self.moments.reversed().map { try player.seek(to: $0, atWall: 0) } == played.reversed(), "backwards")
        #expect(try [4, 0, 9, 2].map { try player.seek(to: Self.moments[$0], atWall: 0) } == [4, 0, 9, 2].map { played[$0] }, "jumping about")
    }

    @Test(arguments: Source.allCases)
    func playingOnFromASeekArrivesWherePlayingFromTheStartDoes(_ source: Source) throws {
        var player = try Self.player(source, speed: 256)
        var state = try player.seek(to: Self.moments[6], atWall: 0)
        let seconds = Self.moments[7].seconds(since: Self.moments[6]) / 256
        for envelope in player.takeDue(atWall: seconds) { state.apply(envelope) }
        #expect(player.now(atWall: seconds) == Self.moments[7])
        #expect(state == Self.night.state(at: Self.moments[7]))
    }

    @Test(arguments: Source.allCases)
    func aStepHandsOutOneMomentAndThePreviousAlertIsFound(_ source: Source) throws {
        var player = try Self.player(source, paused: true)
        _ = try player.seek(to: Self.moments[3], atWall: 0)
        let step = player.step(atWall: 0)
        #expect(!step.isEmpty)
        #expect(Set(step.map(\.timestamp)).count == 1)
        #expect(player.now(atWall: 5) == step.first!.timestamp, "still paused on the step's moment")
        let previous = try #require(player.previousAlert(atWall: 0))
        #expect(previous < step.first!.timestamp)
        // Alerts open where the strip marks them: a first raise, not its repeats; one opened in
        // the last two seconds is the one being shown.
        let openings = TimelineMarks(Self.night.envelopes).marks.filter { $0.isAlert && $0.at < step.first!.timestamp.adding(seconds: -2) }
        #expect(previous == openings.last?.at)
    }

    /// `[` just after `]` goes back to the alert before the one jumped to, not to it again.
    @Test(arguments: Source.allCases)
    func thePreviousAlertAfterAJumpIsTheOneBeforeIt(_ source: Source) throws {
        // Playing: half a second after the jump, the clock has moved past the alert jumped to.
        var player = try Self.player(source)
        _ = try player.seek(to: Self.moments[4], atWall: 0)
        _ = try #require(try player.skipToNextAlert(atWall: 0))
        let jumpedTo = player.now(atWall: 0)
        let before = TimelineMarks(Self.night.envelopes).marks.filter { $0.isAlert && $0.at < jumpedTo.adding(seconds: -2) }.last
        #expect(try #require(player.previousAlert(atWall: 0.5)) == before?.at)
        #expect(try #require(player.previousAlert(atWall: 0.5)) < jumpedTo)
    }

    /// Every alert in turn with `]`: near ones hand out the envelopes on the way, far ones
    /// (over 300 envelopes away here) are seeks; either way the state is the played one.
    @Test(arguments: Source.allCases)
    func jumpingFromAlertToAlertShowsWhatPlayingShows(_ source: Source) throws {
        var player = try Self.player(source, paused: true)
        var state = Self.night.header.state ?? ConsoleState()
        var (handedOut, restarted) = (0, 0)
        while let jump = try player.skipToNextAlert(atWall: 0, handingOutAtMost: 300) {
            switch jump {
            case .handOut(let batch):
                for envelope in batch { state.apply(envelope) }
                handedOut += 1
            case .restart(let seeked):
                state = seeked
                restarted += 1
            }
            let moment = player.now(atWall: 0)
            #expect(state == Self.night.state(at: moment), "at \(moment.rfc3339)")
        }
        #expect(handedOut > 0 && restarted > 0, "both ways were taken: \(handedOut) handed out, \(restarted) seeks")
    }

    @Test func theIndexedNightHandsOutEveryEnvelopeInOrder() throws {
        var source = try IndexedSource(index: Self.indexedNight.get())
        #expect(source.initialState == ConsoleState())
        var envelopes: [Envelope] = []
        while source.nextTimestamp != nil { envelopes += source.take(through: Self.night.end, limit: 5000) }
        #expect(envelopes == Self.night.envelopes)
    }
}
