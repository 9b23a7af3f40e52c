import Testing
import TallyCore
import TallyScreen

/// An attached console's header when its hub shares a room: every site, heard (●) or not for a
/// while (○ and how long), which site decides, and a hub cut off from the room.
struct RoomHeaderTests {
    static func header(_ room: RoomLine, glyphs: Glyphs = .unicode, width: Int = 160) -> String {
        let context = ScreenContext(mode: .attached(AttachedLink(state: .connected, room: room)), now: Instant(millisecondsSinceEpoch: 0),
                                    operatorName: "kenji", glyphs: glyphs)
        return Screen.render(state: ConsoleState(), view: ViewState(), context: context, size: Size(width: width, height: 48)).text(row: 0)
    }

    @Test func theSitesAndWhoDecides() {
        let room = RoomLine(sites: [("los-angeles", 1), ("los-gatos", 0), ("tokyo", 40)], decides: "los-gatos")
        #expect(Self.header(room).contains("link ok los-angeles ● los-gatos ● tokyo ○ 40s · decides los-gatos"), "\(Self.header(room))")
        #expect(Self.header(room, glyphs: .ascii).contains("los-angeles * los-gatos * tokyo o 40s - decides los-gatos"))
    }

    @Test func noSiteDecidingAndAHubCutOffAreSaidInRed() {
        #expect(Self.header(RoomLine(sites: [("tokyo", 0)], decides: nil)).contains("tokyo ● NO SITE DECIDES"))
        let isolated = RoomLine(sites: [("tokyo", 0)], decides: "tokyo", isLinked: false, queued: 40, queuedActions: 3, isolatedSeconds: 125)
        #expect(Self.header(isolated).contains("ISOLATED 2m · 3 actions queued"), "\(Self.header(isolated))")
        #expect(Self.header(RoomLine(sites: [], decides: nil, isLinked: false, queued: 2)).contains("JOINING THE ROOM · 2 queued"))
    }

    @Test func anIsolatedSiteFitsAnOnCallTerminal() {
        let isolated = RoomLine(sites: [("tokyo", 0)], decides: nil, isLinked: false, queuedActions: 1, isolatedSeconds: 40)
        #expect(Self.header(isolated, width: 80).contains("ISOLATED 40s · 1 action queued"), "\(Self.header(isolated, width: 80))")
    }
}
