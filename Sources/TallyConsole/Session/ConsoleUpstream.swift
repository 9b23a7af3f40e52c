import Foundation
import TallyBus
import TallyCore
import TallyHub

/// Where a console's envelopes come from and where its operators' actions go: the bus in
/// this process (`tally run`, `tally demo`), or a hub (`tally attach`).
enum ConsoleUpstream {
    case bus(Bus, Subscription)
    case hub(HubLink)

    /// What arrived since the last call, in order.
    func take() -> [HubLink.Item] {
        switch self {
        case .bus(_, let subscription): subscription.drain().map { .envelope($0) }
        case .hub(let link): link.take()
        }
    }

    /// Sends an operator's action: onto the bus, or to the hub with a fresh idempotency key.
    func send(_ event: BusEvent, at instant: Instant, console: String) {
        switch self {
        case .bus(let bus, _): bus.publish(event, at: instant, source: "console", console: console)
        case .hub(let link): link.send(event, key: UUID().uuidString)
        }
    }

    /// Publishes what a timeline produced (a schedule, a replay); an attached console has none.
    func publish(_ envelopes: [Envelope]) {
        guard case .bus(let bus, _) = self else { return }
        for envelope in envelopes { bus.publish(envelope) }
    }

    /// Whether a hub is upstream: it decides the timers and keeps the record.
    var isHub: Bool {
        if case .hub = self { true } else { false }
    }

    /// How the hub names this console, once it has said; nil on the local bus.
    var connection: String? {
        if case .hub(let link) = self { link.status.connection } else { nil }
    }
}
