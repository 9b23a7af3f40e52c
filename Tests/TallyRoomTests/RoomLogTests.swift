import Foundation
import Logging
import NIOPosix
import Synchronization
import Testing
import TallyCore
import TallyRoom
import TallyTestSupport

/// The room's log on a real PostgreSQL 15 (the one `.ci/run` starts, or one the tests start):
/// the schema made once by whichever hub comes first, envelopes back as they went in, an id
/// appended once, and the order rule: a reader that follows `seq > last_seen` never misses a
/// row, even under three sites appending at once.
@Suite(.enabled(if: TestPostgres.isAvailable, "no PostgreSQL server could be found (TALLY_TEST_POSTGRES) or started (pg_config, initdb): room tests skipped"))
struct RoomLogTests {
    static let logger = Logger(label: "room-test")
    static let loop = MultiThreadedEventLoopGroup.singleton.next()
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    static func freshRoom() throws -> RoomAddress {
        try RoomAddress(url: try TestPostgres.freshDatabase())
    }

    static func envelope(_ key: String, id: String? = nil, at offset: Double = 0) -> Envelope {
        Envelope(seq: 0, id: id, timestamp: t0.adding(seconds: offset), source: "test", site: "los-gatos",
                 event: .alertRaised(AlertRaised(dedupKey: key, severity: .critical, summary: "\(key) down", source: "test")))
    }

    @Test func threeHubsOpeningTogetherMakeTheSchemaOnce() async throws {
        let room = try Self.freshRoom()
        let opened = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for id in 1...3 {
                group.addTask {
                    let log = try await RoomLog.open(room, on: Self.loop, id: id, logger: Self.logger)
                    let last = try await log.lastSeq()
                    await log.close()
                    return last
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(opened == [0, 0, 0])
        let again = try await RoomLog.open(room, on: Self.loop, logger: Self.logger)
        #expect(try await again.lastSeq() == 0)
        await again.close()
    }

    @Test func envelopesComeBackInOrderWithTheRoomsSequenceAndAnIdOnce() async throws {
        let room = try Self.freshRoom()
        let log = try await RoomLog.open(room, on: Self.loop, logger: Self.logger)
        let sent = [Self.envelope("a"), Self.envelope("b", id: "ack-1"), Self.envelope("c", at: 1.5)]
        #expect(try await log.append(sent, site: "los-gatos") == [.appended(1), .appended(2), .appended(3)])
        // The action sent again (a reconnect) and a new one: only the new one goes in.
        #expect(try await log.append([Self.envelope("b", id: "ack-1"), Self.envelope("d", id: "ack-2")], site: "tokyo") == [.duplicate, .appended(4)])
        let read = try await log.read(after: 0)
        #expect(read.map(\.seq) == [1, 2, 3, 4])
        #expect(read.map(\.site) == ["los-gatos", "los-gatos", "los-gatos", "tokyo"])
        for (entry, original) in zip(read, sent) {
            var expected = original
            expected.seq = entry.seq
            #expect(entry.envelope == expected)
        }
        #expect(try await log.read(after: 2, limit: 1).map(\.seq) == [3])
        await log.close()
    }

    /// Three sites append batches as fast as they can while a reader follows the log by
    /// wake-ups and `seq > last_seen`: it sees every sequence, once, in order, with no gap ever.
    @Test func aFollowerNeverMissesARowUnderThreeSitesAppending() async throws {
        let room = try Self.freshRoom()
        let reader = try await RoomLog.open(room, on: Self.loop, id: 9, logger: Self.logger)
        let wakes = Mutex(0)
        let wakeups = try await RoomWakeups.listen(room, on: Self.loop, logger: Self.logger, wake: { wakes.withLock { $0 += 1 } })
        let (sites, batches) = (["los-gatos", "los-angeles", "tokyo"], 60)
        let total = sites.count * batches * 3
        let appending = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (number, site) in sites.enumerated() {
                    group.addTask {
                        let log = try await RoomLog.open(room, on: MultiThreadedEventLoopGroup.singleton.next(), id: number + 1, logger: Self.logger)
                        for batch in 0..<batches {
                            _ = try await log.append((0..<3).map { Self.envelope("\(site)-\(batch)-\($0)") }, site: site)
                        }
                        await log.close()
                    }
                }
                try await group.waitForAll()
            }
        }
        var follower = GapChecker()
        let deadline = ContinuousClock.now + .seconds(60)
        while follower.last < total, ContinuousClock.now < deadline {
            for entry in try await reader.read(after: follower.last, limit: 50) { follower.see(entry.seq) }
            // Until the next wake-up (or half a second, in case one is lost with a link).
            let seen = wakes.withLock { $0 }, waiting = ContinuousClock.now
            while follower.last < total, wakes.withLock({ $0 }) == seen, ContinuousClock.now - waiting < .milliseconds(500) {
                try await Task.sleep(for: .milliseconds(2))
            }
        }
        try await appending.value
        #expect(follower.gaps.isEmpty, "the follower saw gaps: \(follower.gaps.prefix(5))")
        #expect(follower.last == UInt64(total))
        #expect(wakes.withLock { $0 } > 0, "no NOTIFY woke the follower")
        #expect(try await reader.read(after: 0, limit: 10_000).map(\.seq) == Array(1...UInt64(total)))
        await wakeups.stop()
        await reader.close()
    }

    /// The trap the log's lock avoids, shown on a `bigserial` table: a slow transaction takes
    /// seq 1, a quick one seq 2 and commits first, and a follower of `seq > last_seen` that has
    /// seen 2 never sees 1. The same checker as above catches it, so that test can fail.
    @Test func theCheckerCatchesTheGapABigserialLeaves() async throws {
        let database = try TestPostgres.freshDatabase()
        try TestPostgres.run(["psql", database, "--quiet", "--no-psqlrc", "--command",
                              "CREATE TABLE trap (seq bigserial PRIMARY KEY, note text); CREATE TABLE gate (open boolean)"])
        // The slow one takes its number, then holds its transaction open until the gate opens (30 s at most).
        let slow = Task.detached {
            try TestPostgres.run(["psql", database, "--quiet", "--no-psqlrc", "--command", """
                DO $$ BEGIN
                  INSERT INTO trap (note) VALUES ('slow');
                  FOR i IN 1..600 LOOP EXIT WHEN EXISTS (SELECT 1 FROM gate); PERFORM pg_sleep(0.05); END LOOP;
                END $$
                """])
        }
        // Wait until the slow transaction holds seq 1, then commit seq 2 at once.
        var taken = false
        for _ in 0..<250 where !taken {
            taken = try TestPostgres.run(["psql", database, "-tA", "--no-psqlrc", "--command", "SELECT is_called FROM trap_seq_seq"]).hasPrefix("t")
            if !taken { try await Task.sleep(for: .milliseconds(20)) }
        }
        try #require(taken, "the slow transaction never took its number")
        try TestPostgres.run(["psql", database, "--quiet", "--no-psqlrc", "--command", "INSERT INTO trap (note) VALUES ('quick')"])
        var follower = GapChecker()
        let seen = try TestPostgres.run(["psql", database, "-tA", "--no-psqlrc", "--command", "SELECT seq FROM trap WHERE seq > 0 ORDER BY seq"])
        for line in seen.split(separator: "\n") { follower.see(UInt64(line) ?? 0) }
        try TestPostgres.run(["psql", database, "--quiet", "--no-psqlrc", "--command", "INSERT INTO gate VALUES (true)"])
        _ = try await slow.value
        #expect(follower.last == 2)
        #expect(follower.gaps == [1], "the quick commit was seen before the slow one's row: a follower past 2 never reads 1")
    }
}

/// What a follower of `seq > last_seen` saw: the sequences it skipped over, which it can never read again.
struct GapChecker {
    private(set) var last: UInt64 = 0
    private(set) var gaps: [UInt64] = []

    mutating func see(_ seq: UInt64) {
        if seq > last + 1 { gaps += Array((last + 1)..<seq) }
        last = max(last, seq)
    }
}
