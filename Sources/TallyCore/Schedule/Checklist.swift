/// An event's checklist as it stands: every item of its rundown with its deadline (the start
/// of the next step) and who ticked it. Pure.
public struct Checklist: Sendable, Equatable {
    /// One item, ticked or not.
    public struct Entry: Sendable, Equatable {
        public var id: ChecklistItemID
        /// When the item must be done: the start of the step after its own; nil on the last step.
        public var due: Instant?
        public var mark: ChecklistMark?

        public var isTicked: Bool { mark != nil }

        public func isOverdue(at now: Instant) -> Bool {
            guard let due, mark == nil else { return false }
            return now >= due
        }
    }

    public var entries: [Entry]

    public init(event: LiveEventScheduled, marks: [ChecklistItemID: ChecklistMark]) {
        self.init(steps: PhasePlan.steps(of: event), marks: marks)
    }

    /// The checklist of an event whose steps, in time order, are `steps`.
    public init(steps: [RundownStep], marks: [ChecklistItemID: ChecklistMark]) {
        entries = steps.enumerated().flatMap { index, step in
            let due = steps.indices.contains(index + 1) ? steps[index + 1].at : nil
            return step.checklist.map { item in
                let id = ChecklistItemID(step: step.name, item: item)
                return Entry(id: id, due: due, mark: marks[id])
            }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var ticked: Int { entries.count { $0.isTicked } }

    public func overdue(at now: Instant) -> [Entry] { entries.filter { $0.isOverdue(at: now) } }

    /// Items of `step` still open.
    public func open(in step: String) -> Int { entries.count { $0.id.step == step && !$0.isTicked } }

    /// The dedup key of the alert for an overdue item.
    public static func alertKey(event: EventID, item: ChecklistItemID) -> String {
        alertKeyPrefix + "\(event)/\(item.step)/\(item.item)"
    }

    public static let alertKeyPrefix = "checklist.overdue/"

}

extension ConsoleState {
    /// The checklist of `event`, with this console's ticks.
    public func checklist(of event: EventID) -> Checklist? {
        events[event].map { Checklist(event: $0.schedule, marks: checklists[event] ?? [:]) }
    }
}
