import Foundation
import Testing
import TallyCore
import TallyScenarios
@testable import TallyBus

/// The built-in night played while it is still being read hands out exactly what the night
/// held in memory hands out, in order, from its opening to its end, and seeks as it does.
struct LoadingSourceTests {
    static let night = RecordingToolsTests.night

    @Test func playedWhileItIsReadItHandsOutTheWholeNightInOrder() async throws {
        var source = try LoadingSource(path: BuiltInDemo.path())
        #expect(source.start == Self.night.start)
        var handedOut = source.take(through: Self.night.start.adding(seconds: 1), limit: .max)
        #expect(!handedOut.isEmpty && handedOut == Array(Self.night.envelopes.prefix(handedOut.count)), "the opening, before the rest is read")
        var moment = Self.night.start.adding(seconds: 1)
        while let next = source.nextTimestamp, handedOut.count < Self.night.envelopes.count {
            moment = max(moment.adding(seconds: 300), next)
            handedOut += source.take(through: moment, limit: 5000)
            if !source.isRead { try? await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(handedOut == Self.night.envelopes)
        #expect(source.end == Self.night.end && source.marks == TimelineMarks(Self.night.envelopes).marks)
    }

    @Test func aSeekWaitsForTheReadAndStandsWhereTheNightInMemoryStands() throws {
        var source = try LoadingSource(path: BuiltInDemo.path())
        var memory = MemorySource(recording: Self.night)
        let moment = Self.night.start.adding(seconds: 5400)
        #expect(source.seek(to: moment) == memory.seek(to: moment))
        #expect(source.take(through: moment.adding(seconds: 60), limit: .max) == memory.take(through: moment.adding(seconds: 60), limit: .max))
    }
}
