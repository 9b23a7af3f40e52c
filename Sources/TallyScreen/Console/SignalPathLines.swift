import TallyCore

/// The signal chain of an event in the detail overlay: each hop with its state and what
/// carries the signal there, then its paths with their owners; the hop where the signal is
/// lost names the team to hand it to, and a backup carrying the event reads as a failover.
enum SignalPathLines {
    static func lines(for event: LiveEventScheduled, state: ConsoleState, glyphs: Glyphs, highlighting feedId: FeedID? = nil) -> [Table.Item] {
        let chain = SignalPath(event: event, feeds: state.feeds)
        var lines = [Table.Item("Signal path (venue \(glyphs.down) audience)", .overlayTitle)]
        for stage in chain.stages {
            lines.append(Table.Item("  " + glyphs.symbol(for: stage.status) + " " + stage.hop.rawValue.fitted(to: 13)
                                    + summary(of: stage, isBreak: stage == chain.breakPoint), StyleRole(stage.status)))
            for link in stage.links {
                let marker = link.descriptor.feedId == feedId ? "▸" : " "
                let role = link == stage.carrier ? link.descriptor.role.rawValue + "*" : link.descriptor.role.rawValue
                lines.append(Table.Item(
                    "   " + marker + glyphs.symbol(for: link.status) + " " + role.fitted(to: 14) + link.descriptor.path.fitted(to: 10)
                        + (link.descriptor.team ?? "–").fitted(to: 13) + (link.reason ?? Labels.status(link.status)),
                    StyleRole(link.status)))
            }
        }
        return lines
    }

    private static func summary(of stage: SignalPath.Stage, isBreak: Bool) -> String {
        let owner = stage.owner.map { " — hand to " + $0 } ?? ""
        if isBreak { return "SIGNAL LOST here" + owner }
        guard let carrier = stage.carrier else { return "not probed yet" }
        let how = carrier.descriptor.role.rawValue + (carrier.descriptor.path.isEmpty ? "" : " " + carrier.descriptor.path)
        return stage.isFailover ? "FAILOVER: carried by " + how + ", primary failed" + owner : "carried by " + how
    }
}
