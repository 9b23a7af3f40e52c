/// One step of an event's rundown: a named moment (facility check, feed lock, go/no-go, on
/// air, off air, post-show), the phase it opens, and the checklist to finish before the next
/// step begins. A step marked as a break (`break: true`: a planned slate or ad break) lasts
/// until the next one, and a black or silent picture during it is expected.
public struct RundownStep: Codable, Sendable, Equatable {
    public var name: String
    public var phase: Phase
    public var at: Instant
    public var checklist: [String]
    /// True for a planned break; nil (not written) for any other step.
    public var isBreak: Bool?

    enum CodingKeys: String, CodingKey {
        case name, phase, at, checklist
        case isBreak = "break"
    }

    public init(name: String, phase: Phase, at: Instant, checklist: [String] = [], isBreak: Bool = false) {
        self.name = name
        self.phase = phase
        self.at = at
        self.checklist = checklist
        self.isBreak = isBreak ? true : nil
    }
}
