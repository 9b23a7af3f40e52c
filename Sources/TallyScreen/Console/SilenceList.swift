import TallyCore

/// The silences overlay (`S`): active silences first, soonest to end first, then ended ones,
/// most recent first; `x` expires the selected one.
enum SilenceList {
    static func sorted(_ silences: some Sequence<Silence>, at now: Instant?) -> [Silence] {
        let now = now ?? Instant(millisecondsSinceEpoch: 0)
        return silences.sorted { a, b in
            let activeA = a.isActive(at: now), activeB = b.isActive(at: now)
            if activeA != activeB { return activeA }
            return activeA ? a.endsAt < b.endsAt : a.endedAt > b.endedAt
        }
    }

    static func lines(state: ConsoleState, selected: Int, context: ScreenContext) -> [Table.Item] {
        let silences = sorted(state.alerting.silences.values, at: state.now)
        guard !silences.isEmpty else { return [Table.Item("No silences. Press s on an alert to make one.", .dim)] }
        var lines: [Table.Item] = []
        for (index, silence) in silences.enumerated() {
            let active = silence.isActive(at: context.now)
            let pointer = index == selected ? "▸ " : "  "
            let when = active
                ? "ends in \(Figures.duration(silence.endsAt.seconds(since: context.now)))"
                : "ended " + (silence.expiredBy.map { "by \($0)" } ?? "on time")
            let matched = state.alerts.values.filter { $0.isOpen && $0.silencedBy == silence.id }.count
            let role: StyleRole = index == selected ? .selection : active ? .overlay : .dim
            lines.append(Table.Item(pointer + "s\(silence.id)  " + silence.matchers.map(\.description).joined(separator: ", ")
                + "  · \(when) · \(matched) held", role))
            lines.append(Table.Item("      \(silence.author): " + (silence.comment.isEmpty ? "(no comment)" : silence.comment), .dim))
        }
        lines.append(Table.Item("j/k move · x expire the selected silence · Esc close", .dim))
        return lines
    }
}
