import TallyCore
import Yams

/// Reads a rundown: the steps of an event's day as offsets from its start or end, each with
/// a name, the phase it opens and a checklist.
///
/// ```yaml
/// - {at: T-60m, name: feed lock, checklist: [Primary and backup paths locked]}
/// - {at: T0, name: on air}
/// - {at: end+30m, name: post-show}
/// ```
public struct RundownTemplate: Sendable, Equatable {
    /// One step before it is placed on an event's clock.
    public struct Step: Sendable, Equatable {
        public enum Anchor: Sendable, Equatable { case start, end }
        public var name: String
        public var anchor: Anchor
        public var offsetSeconds: Double
        public var phase: Phase
        public var checklist: [String]
        public var isBreak = false
        /// An ad break's length (`break: {length: 2m}`), and whether its SCTE-35 cue is expected.
        public var breakSeconds: Double?
        public var expectsCue = true
    }

    public var steps: [Step]

    /// The steps placed on the clock of an event running from `start` to `end`.
    public func steps(start: Instant, end: Instant) -> [RundownStep] {
        steps.map { step in
            RundownStep(name: step.name, phase: step.phase,
                        at: (step.anchor == .start ? start : end).adding(seconds: step.offsetSeconds), checklist: step.checklist,
                        isBreak: step.isBreak, breakSeconds: step.breakSeconds, expectsCue: step.expectsCue)
        }.sorted { $0.at < $1.at }
    }

    static func parse(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> RundownTemplate {
        var steps: [Step] = []
        for (index, item) in try reader.sequence(node, at: path).enumerated() {
            let where_ = "\(path)[\(index)]"
            let fields = try reader.mapping(item, at: where_, allowed: ["at", "name", "phase", "checklist", "break"], required: ["at", "name"])
            let name = try reader.string(fields["name"]!, at: where_ + ".name")
            guard !steps.contains(where: { $0.name == name }) else { throw reader.problem(item, "\(where_).name: \"\(name)\" is used twice") }
            let (anchor, offset) = try moment(fields["at"]!, at: where_ + ".at", reader: reader)
            var phase = inferredPhase(anchor: anchor, offset: offset)
            if let node = fields["phase"] {
                let text = try reader.string(node, at: where_ + ".phase")
                guard let value = Phase(rawValue: text), value != .scheduled else {
                    throw reader.problem(node, "\(where_).phase: \"\(text)\" is not a phase (preflight, live, ended or post)")
                }
                phase = value
            }
            let checklist = try fields["checklist"].map { node throws(ConfigProblem) in try reader.strings(node, at: where_ + ".checklist") } ?? []
            guard Set(checklist).count == checklist.count else { throw reader.problem(item, "\(where_).checklist: an item is listed twice") }
            var step = Step(name: name, anchor: anchor, offsetSeconds: offset, phase: phase, checklist: checklist)
            if let node = fields["break"] { try parseBreak(node, at: where_ + ".break", into: &step, reader: reader) }
            steps.append(step)
        }
        guard !steps.isEmpty else { throw reader.problem(node, "\(path): a rundown needs at least one step") }
        return RundownTemplate(steps: steps)
    }

    /// `break: true` (a slate until the next step), or `break: {length: 2m, cue: false}`: an ad
    /// break from the step's time, its SCTE-35 cue expected unless `cue: false`.
    private static func parseBreak(_ node: Node, at path: String, into step: inout Step, reader: YAMLReader) throws(ConfigProblem) {
        guard case .mapping = node else {
            step.isBreak = try reader.boolean(node, at: path)
            return
        }
        let fields = try reader.mapping(node, at: path, allowed: ["length", "cue"], required: ["length"])
        step.isBreak = true
        step.breakSeconds = try reader.duration(fields["length"]!, at: path + ".length", in: 1...86_400)
        if let cue = fields["cue"] { step.expectsCue = try reader.boolean(cue, at: path + ".cue") }
    }

    /// `T-120m`, `T0`, `T+5m`, `start`, `end`, `end+30m`, `end-5m`.
    private static func moment(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> (Step.Anchor, Double) {
        let text = try reader.string(node, at: path).replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "−", with: "-")
        let anchor: Step.Anchor, rest: Substring
        if text.hasPrefix("end") { (anchor, rest) = (.end, text.dropFirst(3)) }
        else if text.hasPrefix("start") { (anchor, rest) = (.start, text.dropFirst(5)) }
        else if text.hasPrefix("T") { (anchor, rest) = (.start, text.dropFirst()) }
        else { throw reader.problem(node, "\(path): \"\(text)\" is not a step time (write T-60m, T0, T+5m, end or end+30m)") }
        if rest.isEmpty || rest == "0" { return (anchor, 0) }
        guard let sign = rest.first, sign == "+" || sign == "-" else {
            throw reader.problem(node, "\(path): \"\(text)\" is not a step time (write T-60m, T0, T+5m, end or end+30m)")
        }
        do {
            let seconds = try DurationText.seconds(rest.dropFirst())
            return (anchor, sign == "-" ? -seconds : seconds)
        } catch {
            throw reader.problem(node, "\(path): \(error.description) (write T-60m, T0, T+5m, end or end+30m)")
        }
    }

    private static func inferredPhase(anchor: Step.Anchor, offset: Double) -> Phase {
        switch anchor {
        case .start: offset < 0 ? .preflight : .live
        case .end: offset < 0 ? .live : offset == 0 ? .ended : .post
        }
    }
}
