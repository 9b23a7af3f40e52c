import Foundation
import Logging
import Synchronization
import Testing
import TallyCore
import TallyRoom
import TallyTestSupport

/// Two sites' links on one room: the pages the log decided go out once, from whichever hub
/// holds the lease, and a new leader never sends what the last one sent; an action made while
/// the room cannot be reached waits in the outbox and reaches the log once. (The waits are long:
/// the links' tasks share this process's threads with the end-to-end tests, which block them at
/// times; each wait ends as soon as what it waits for is there.)
@Suite(.enabled(if: TestPostgres.isAvailable, "no PostgreSQL server could be found (TALLY_TEST_POSTGRES) or started (pg_config, initdb): room tests skipped"))
struct RoomLinkTests {
    /// What a link handed to its notifiers, and the outbox it kept.
    final class Recorded: Sendable {
        let sent = Mutex<[AlertNotification]>([])
        let outbox = Mutex<[Envelope]>([])

        var link: RoomLink.Outbox {
            RoomLink.Outbox(keep: { kept in self.outbox.withLock { $0 += kept } },
                            forget: { ids in self.outbox.withLock { $0.removeAll { ids.contains($0.id ?? "") } } },
                            kept: { self.outbox.withLock { $0 } })
        }
    }

    static func link(_ room: RoomAddress, site: String, recorded: Recorded) -> RoomLink {
        RoomLink(address: room, site: site, logger: RoomLogTests.logger, outbox: recorded.link, arrived: {}, send: { sent in
            recorded.sent.withLock { $0 += sent }
        })
    }

    static func notice(alert: AlertID, level: Int, at: Instant) -> AlertNotification {
        var engine = AlertEngine()
        _ = engine.raise(AlertRaised(dedupKey: "k\(alert)", severity: .critical, summary: "down", source: "test"), at: at)
        var notice = AlertNotification(action: .trigger, alert: engine.alerts[1]!, targets: ["rotation:primary"], at: at)
        notice.alertId = alert
        notice.level = level
        return notice
    }

    static func now() -> Instant { Instant(millisecondsSinceEpoch: Int64(saturating: Date().timeIntervalSince1970 * 1000)) }

    @Test func aPageGoesOutOnceFromTheLeaderAndANewLeaderNeverSendsItAgain() async throws {
        let room = try RoomLogTests.freshRoom()
        let (first, second) = (Recorded(), Recorded())
        let (gatos, tokyo) = (Self.link(room, site: "los-gatos", recorded: first), Self.link(room, site: "tokyo", recorded: second))
        gatos.start()
        #expect(await poll(timeout: 60, every: 0.05) { gatos.status.decides ? true : nil } == true, "the first hub takes the lease")
        tokyo.start()
        #expect(await poll(timeout: 60, every: 0.05) { tokyo.status.isConnected ? true : nil } == true)
        let now = Self.now()
        let page = Self.notice(alert: 1, level: 2, at: now)
        // Every hub applies the log and finds the same page due; only the leader's goes out.
        gatos.consider([page], now: now)
        tokyo.consider([page], now: now)
        #expect(await poll(timeout: 60, every: 0.05) { first.sent.withLock { $0.count } == 1 ? true : nil } == true)
        gatos.stop()
        #expect(await poll(timeout: 60, every: 0.05) { tokyo.status.decides ? true : nil } == true, "tokyo takes the lease")
        let next = Self.notice(alert: 1, level: 3, at: now)
        tokyo.consider([next], now: now)
        #expect(await poll(timeout: 60, every: 0.05) { second.sent.withLock { $0.count } == 1 ? true : nil } == true)
        #expect(second.sent.withLock { $0.map(\.level) } == [3], "the level 2 page the last leader sent is not sent again")
        #expect(first.sent.withLock { $0.map(\.level) } == [2])
        // A page from a log read long after it was decided (a hub starting on an old log) is history, never sent.
        tokyo.consider([Self.notice(alert: 2, level: 1, at: now.adding(seconds: -3600))], now: now)
        tokyo.stop()
        #expect(second.sent.withLock { $0.count } == 1)
    }

    @Test func anActionMadeWhileTheRoomIsAwayWaitsOnDiskAndReachesTheLogOnce() async throws {
        let unreachable = try RoomAddress(url: "postgresql://postgres@127.0.0.1:1/none?sslmode=disable")
        let recorded = Recorded()
        let away = Self.link(unreachable, site: "tokyo", recorded: recorded)
        away.start()
        let action = Envelope(seq: 0, id: "ack-key-1", timestamp: Self.now(), source: "console", site: "tokyo",
                              event: .operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "kenji", channel: "key")))
        away.submit([action])
        #expect(await poll(timeout: 60, every: 0.05) { away.status.isIsolated ? true : nil } == true)
        #expect(away.status.queuedActions == 1 && recorded.outbox.withLock { $0.map(\.id) } == ["ack-key-1"], "on disk before the console is told")
        away.stop()
        // The hub restarts where the room is reachable: the action kept goes in, once.
        let room = try RoomLogTests.freshRoom()
        let back = Self.link(room, site: "tokyo", recorded: recorded)
        back.start()
        back.submit([action])
        #expect(await poll(timeout: 60, every: 0.05) { back.status.isConnected && back.status.queued == 0 ? true : nil } == true)
        let log = try await RoomLog.open(room, on: RoomLogTests.loop, logger: RoomLogTests.logger)
        let entries = try await log.read(after: 0)
        await log.close()
        back.stop()
        #expect(entries.compactMap(\.envelope.id) == ["ack-key-1"])
        #expect(recorded.outbox.withLock { $0.isEmpty }, "let go once the log has it")
    }
}
