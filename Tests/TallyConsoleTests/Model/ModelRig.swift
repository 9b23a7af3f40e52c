import Foundation
import TallyConfig
import TallyCore
import TallyScreen
@testable import TallyConsole

/// A console model with the runner's part played in memory: what it sends comes straight back
/// as envelopes from this console (a local bus numbering them), the store takes every write
/// (or refuses while `storeRefuses` says why), and every effect is kept, in order.
struct ModelRig {
    static let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!
    static let consoleID = "console-test"

    var model: ConsoleModel
    var effects: [ConsoleEffect] = []
    var storeRefuses: String?
    /// Envelopes sent or published and not yet delivered (a hub's console holds them for the hub).
    var outbox: [Envelope] = []
    private var seq: UInt64 = 0

    init(attached: Bool = false, state: ConsoleState = ConsoleState(), size: Size = Size(width: 120, height: 40)) {
        let settings = ConsoleModel.Settings(operatorName: "maria", channel: "key:test", consoleID: Self.consoleID, isAttached: attached)
        model = ConsoleModel(state: state, settings: settings, themes: ThemeCatalog(directories: []), themeName: "default", size: size,
                             clock: ConsoleTick(wall: 0, now: Self.start, mode: .live))
    }

    static func at(_ seconds: Double) -> Instant { start.adding(seconds: seconds) }

    /// An envelope from a source at `seconds` past the start.
    mutating func envelope(_ event: BusEvent, at seconds: Double, console: String? = nil) -> Envelope {
        seq += 1
        return Envelope(seq: seq, timestamp: Self.at(seconds), source: console == nil ? "test" : "console", console: console, event: event)
    }

    /// Sends `message`, running the effects that have answers; returns this message's effects.
    @discardableResult
    mutating func send(_ message: ConsoleMessage) -> [ConsoleEffect] {
        let produced = model.update(message)
        var all: [ConsoleEffect] = []
        for effect in produced {
            all.append(effect)
            effects.append(effect)
            switch effect {
            case .store: all += send(.stored(problem: storeRefuses))
            case .send(let event): outbox.append(envelope(event, at: model.clock.now.seconds(since: Self.start), console: Self.consoleID))
            case .publish(let envelopes): outbox += envelopes
            default: break
            }
        }
        return all
    }

    /// Delivers what was sent or published, as the bus would.
    @discardableResult
    mutating func deliver() -> [ConsoleEffect] {
        let batch = outbox.map { envelope in
            seq += 1
            return Envelope(seq: seq, id: envelope.id, timestamp: envelope.timestamp, source: envelope.source, console: envelope.console,
                            event: envelope.event)
        }
        outbox = []
        return send(.envelopes(batch))
    }

    /// A tick at `seconds` past the start, with the frame due (`wall` moves on a second each time).
    @discardableResult
    mutating func tick(at seconds: Double, wall: Double) -> [ConsoleEffect] {
        send(.tick(ConsoleTick(wall: wall, now: Self.at(seconds), mode: model.clock.mode)))
    }

    /// The text of the last frame painted.
    var lastFrame: String? {
        effects.reversed().lazy.compactMap { if case .paint(let canvas) = $0 { canvas.text } else { nil } }.first
    }
}

extension ConsoleEffect {
    /// A short name for comparing sequences of effects.
    var name: String {
        switch self {
        case .send(let event): "send \(event.type)"
        case .publish(let envelopes): "publish " + envelopes.map(\.event.type).joined(separator: ",")
        case .record: "record"
        case .store: "store"
        case .notify: "notify"
        case .paint: "paint"
        case .useTheme(let theme): "theme \(theme.name)"
        case .saveHandover: "save handover"
        case .saveAfterShow(let diary): "save after-show \(diary.eventId)"
        case .openRunbook: "open runbook"
        case .controlReplay: "replay"
        case .reloadSchedule: "reload"
        case .log: "log"
        case .quit(let ending): "quit \(ending)"
        }
    }
}
