/// One step of an event's rundown: a named moment (facility check, feed lock, go/no-go, on
/// air, off air, post-show), the phase it opens, and the checklist to finish before the next
/// step begins.
public struct RundownStep: Codable, Sendable, Equatable {
    public var name: String
    public var phase: Phase
    public var at: Instant
    public var checklist: [String]

    public init(name: String, phase: Phase, at: Instant, checklist: [String] = []) {
        self.name = name
        self.phase = phase
        self.at = at
        self.checklist = checklist
    }
}
