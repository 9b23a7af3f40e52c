/// The deciding place (the hub, or a console on its own bus) saying that alert timers fell due:
/// applied like any envelope, it runs every timer due by its time (escalations, acknowledgement
/// timeouts, hold-downs, silence ends). A console attached to a hub runs no timers of its own,
/// so it shows an escalation when this envelope arrives, never before the hub decides it.
public struct TimersDue: Codable, Sendable, Equatable {
    /// The earliest deadline that had fallen due when the envelope was sent.
    public var due: Instant

    public init(due: Instant) {
        self.due = due
    }
}
