import Foundation
import TallyBus
import TallyCore
import TallyScreen
import TallyStore

/// An operator's acknowledgement the way the console carries it: the key through the keymap,
/// the action onto the bus and back, applied to the state, and saved to the store (WAL,
/// synchronous=FULL) before the screen may say it is done.
final class AckPath {
    let store: AlertStore
    private let bus = Bus()
    private let subscription: Subscription
    private(set) var state = ConsoleState()
    private var view = ViewState()
    private let keymap = Keymap(operatorName: "drill", channel: "key:drill")
    private let context: ScreenContext
    private var seq: UInt64 = 0
    static let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    /// A store at `path` holding `alerts` open alerts, all triggered.
    init(storePath path: String, alerts: Int) throws {
        store = try AlertStore.open(path: path)
        subscription = bus.subscribe(capacity: 1 << 16)
        context = ScreenContext(mode: .live, now: Self.start, operatorName: "drill", glyphs: .unicode)
        var records: [AuditRecord] = []
        for index in 0..<alerts {
            records += state.apply(envelope(.alertRaised(AlertRaised(
                dedupKey: "feed.stale/drill-\(index)", severity: .critical, summary: "drill \(index)", source: "drill",
                labels: ["feed": "drill-\(index)"])))).records
        }
        try store.save(records, from: state.alerting)
        view.focus = .alerts
    }

    /// Presses `a` on the alert at the top of the Alerts pane; returns its id once the
    /// acknowledgement is on disk, or nil when nothing is left to acknowledge.
    func acknowledgeTop() throws -> AlertID? {
        view.selection[.alerts] = nil
        let commands = keymap.handle(.character("a"), view: &view, state: state, context: context, size: Size(width: 160, height: 48))
        guard case .publish(let action)? = commands.first else { return nil }
        seq += 1
        bus.publish(Envelope(seq: seq, timestamp: Self.start.adding(seconds: Double(seq) / 1000), source: "console",
                             event: .operatorAction(action)))
        var records: [AuditRecord] = []
        for delivered in subscription.drain() { records += state.apply(delivered).records }
        try store.save(records, from: state.alerting)
        return action.alertId
    }

    private func envelope(_ event: BusEvent) -> Envelope {
        seq += 1
        return Envelope(seq: seq, timestamp: Self.start, source: "drill", event: event)
    }
}
