import Testing
import TallyCore
import TallyScenarios
@testable import TallyBus

/// Replay is deterministic: the state at a moment is the same whether the player got there by
/// playing from the start, seeking forwards, or seeking backwards, and playing on from a seek
/// arrives where playing from the start does.
struct SeekTests {
    static let night = RecordingToolsTests.night

    static var moments: [Instant] {
        (1...10).map { night.start.adding(seconds: night.end.seconds(since: night.start) * Double($0) / 11) }
    }

    @Test func aSeekInAnyOrderGivesTheStatePlayingFromTheStartGives() {
        var player = RecordingPlayer(recording: Self.night, paused: true, atWall: 0)
        let played = Self.moments.map { Self.night.state(at: $0) }
        #expect(Self.moments.map { player.seek(to: $0, atWall: 0) } == played, "forwards")
        #expect(Self.moments.reversed().map { player.seek(to: $0, atWall: 0) } == played.reversed(), "backwards")
        #expect([4, 0, 9, 2].map { player.seek(to: Self.moments[$0], atWall: 0) } == [4, 0, 9, 2].map { played[$0] }, "jumping about")
    }

    @Test func playingOnFromASeekArrivesWherePlayingFromTheStartDoes() {
        var player = RecordingPlayer(recording: Self.night, speed: 256, atWall: 0)
        var state = player.seek(to: Self.moments[6], atWall: 0)
        let seconds = Self.moments[7].seconds(since: Self.moments[6]) / 256
        for envelope in player.takeDue(atWall: seconds) { state.apply(envelope) }
        #expect(player.now(atWall: seconds) == Self.moments[7])
        #expect(state == Self.night.state(at: Self.moments[7]))
    }

    @Test func aStepHandsOutOneMomentAndThePreviousAlertIsFound() throws {
        var player = RecordingPlayer(recording: Self.night, paused: true, atWall: 0)
        _ = player.seek(to: Self.moments[3], atWall: 0)
        let step = player.step(atWall: 0)
        #expect(!step.isEmpty)
        #expect(Set(step.map(\.timestamp)).count == 1)
        #expect(player.now(atWall: 5) == step.first!.timestamp, "still paused on the step's moment")
        let previous = try #require(player.previousAlert(atWall: 0))
        #expect(previous < step.first!.timestamp)
        let raised = Self.night.envelopes.filter { if case .alertRaised = $0.event { $0.timestamp < step.first!.timestamp } else { false } }
        #expect(previous == raised.last?.timestamp)
    }
}
