/// One step of an event's rundown: a named moment (facility check, feed lock, go/no-go, on
/// air, off air, post-show), the phase it opens, and the checklist to finish before the next
/// step begins. A step marked as a break (`break: true`: a planned slate or ad break) lasts
/// until the next one, or for its length when it has one (`break: {length: 2m}`: an ad break,
/// whose SCTE-35 cue the feeds must carry unless `cue: false`); a black or silent picture
/// during it is expected.
public struct RundownStep: Codable, Sendable, Equatable {
    public var name: String
    public var phase: Phase
    public var at: Instant
    public var checklist: [String]
    /// True for a planned break; nil (not written) for any other step.
    public var isBreak: Bool?
    /// How long the break lasts, in seconds, when the rundown says (1 s … 1 day).
    public var breakSeconds: Double?
    /// False for a break with a length that expects no SCTE-35 cue; nil (true) otherwise.
    public var expectsCue: Bool?

    enum CodingKeys: String, CodingKey {
        case name, phase, at, checklist
        case isBreak = "break"
        case breakSeconds = "break_seconds"
        case expectsCue = "cue"
    }

    public init(name: String, phase: Phase, at: Instant, checklist: [String] = [], isBreak: Bool = false,
                breakSeconds: Double? = nil, expectsCue: Bool = true) {
        self.name = name
        self.phase = phase
        self.at = at
        self.checklist = checklist
        self.isBreak = isBreak || breakSeconds != nil ? true : nil
        self.breakSeconds = breakSeconds
        self.expectsCue = expectsCue ? nil : false
    }

    /// The ad break this step plans, when it has a length and expects its cue.
    public var plannedBreak: PlannedBreak? {
        guard let breakSeconds, expectsCue != false else { return nil }
        return PlannedBreak(name: name, start: at, seconds: breakSeconds)
    }
}
