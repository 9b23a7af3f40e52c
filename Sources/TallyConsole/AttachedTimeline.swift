import TallyLive
import TallyCore
import TallyHub
import TallyScreen

/// An attached console's time: the hub's clock from its last tick, carried on by the
/// monotonic clock between ticks, and the link's standing for the header. The hub runs the
/// schedule; nothing falls due here.
struct AttachedTimeline: SessionTimeline {
    let link: HubLink

    func now(atWall wall: Double) -> Instant {
        let status = link.status
        guard let time = status.hubTime, let at = status.hubTimeAt else { return WallClock.now() }
        return time.adding(seconds: max(0, wall - at))
    }

    func mode(atWall wall: Double) -> ConsoleMode {
        let status = link.status
        let state: AttachedLink.State = switch status.state {
        case .connected: .connected
        case .reconnecting(_, let retryAt, _): .reconnecting(inSeconds: Int(saturating: max(0, retryAt - wall).rounded(.up)))
        case .refused(let reason): .refused(reason)
        }
        let room = status.room.map { room in
            RoomLine(sites: room.sites.map { (name: $0.name, heard: max(0, $0.heard)) }, decides: room.decides, isLinked: room.linked,
                     queued: max(0, room.queued), queuedActions: max(0, room.actions ?? 0), isolatedSeconds: room.isolated.map { max(0, $0) })
        }
        return .attached(AttachedLink(state: state, rejected: status.rejected, isPlaintext: status.security == .plaintext, isReadOnly: !status.role.acts,
                                      room: room))
    }

    mutating func takeDue(atWall wall: Double, state: ConsoleState) -> [Envelope] { [] }

    func secondsUntilNextDue(atWall wall: Double) -> Double? { nil }

    func secondsUntilNextSecond(atWall wall: Double) -> Double? {
        Double(1000 - now(atWall: wall).millisecondsSinceEpoch % 1000) / 1000
    }
}
