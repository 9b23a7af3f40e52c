import Foundation
import Testing
import TallyCore
import TallyRoom
import TallyTestSupport

/// The room's saved states: a hub starting on a long, busy log begins from the newest and reads
/// only the log after it; the log older than the retention goes, back to a kept state.
@Suite(.enabled(if: TestPostgres.isAvailable, "no PostgreSQL server could be found (TALLY_TEST_POSTGRES) or started (pg_config, initdb): room tests skipped"))
struct RoomStatesTests {
    /// A log of `count` entries (two hundred alerts raised again and again), and the room's state after it.
    static func busyLog(_ log: RoomLog, count: Int) async throws -> ConsoleState {
        var state = ConsoleState()
        for start in stride(from: 0, to: count, by: 500) {
            let batch = (start..<min(count, start + 500)).map { RoomLogTests.envelope("enc-\($0 % 200)", at: Double($0) / 10) }
            _ = try await log.append(batch, site: "los-gatos")
            for entry in try await log.read(after: state.lastSeq, limit: 500) { state.apply(entry.envelope) }
        }
        return state
    }

    /// Seconds until a link on `room` has read the log to its end, and what it took.
    static func start(on room: RoomAddress) async throws -> (seconds: Double, taken: RoomLink.Taken) {
        let link = RoomLink(address: room, site: "tokyo", logger: RoomLogTests.logger, arrived: {})
        let started = ContinuousClock.now
        link.start()
        defer { link.stop() }
        #expect(await poll(timeout: 60, every: 0.01) { link.status.isConnected ? true : nil } == true)
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        return (seconds, link.take())
    }

    @Test func aHubStartingOnALongBusyLogBeginsFromTheSavedStateAndTheLogAfterIt() async throws {
        let (saved, plain) = (try RoomLogTests.freshRoom(), try RoomLogTests.freshRoom())
        for room in [saved, plain] {
            let log = try await RoomLog.open(room, on: RoomLogTests.loop, logger: RoomLogTests.logger)
            let state = try await Self.busyLog(log, count: 20_000)
            if room == saved { try await log.save(state, site: "los-gatos") }
            _ = try await log.append((0..<10).map { RoomLogTests.envelope("late-\($0)", at: 3000) }, site: "los-gatos")
            await log.close()
        }
        let fromState = try await Self.start(on: saved)
        #expect(fromState.taken.start?.lastSeq == 20_000, "it begins from the saved state")
        #expect(fromState.taken.entries.map(\.seq) == Array(20_001...20_010), "and reads only the log after it")
        let fromScratch = try await Self.start(on: plain)
        #expect(fromScratch.taken.start == nil && fromScratch.taken.entries.count == 20_010)
        print("a hub on a 20,010-entry log: ready after \(String(format: "%.2f", fromState.seconds)) s from the saved state, "
              + "\(String(format: "%.2f", fromScratch.seconds)) s reading it all")
    }

    @Test func theLogBeyondTheRetentionGoesBackToAKeptState() async throws {
        let room = try RoomLogTests.freshRoom()
        let log = try await RoomLog.open(room, on: RoomLogTests.loop, logger: RoomLogTests.logger)
        let state = try await Self.busyLog(log, count: 1_000)
        #expect(try await log.prune(olderThan: 0) == .nothing, "without a saved state nothing goes")
        try await log.save(state, site: "los-gatos")
        _ = try await log.append([RoomLogTests.envelope("after", at: 200)], site: "los-gatos")
        #expect(try await log.prune(olderThan: 30 * 86_400) == .nothing, "nothing is 30 days old")
        #expect(try await log.prune(olderThan: 0) == RoomLog.Pruned(entries: 1_000, states: 0, pages: 0))
        #expect(try await log.read(after: 0).map(\.seq) == [1_001], "what follows the kept state stays")
        #expect(try await log.newestState()?.lastSeq == 1_000, "the state the history now starts from is kept")
        await log.close()
    }
}
