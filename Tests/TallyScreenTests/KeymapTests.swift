import TallyCore
import Testing
@testable import TallyScreen

/// The keys an operator presses, from key to view change or bus command.
struct KeymapTests {
    let keymap = Keymap(operatorName: "maria", channel: "key:test")
    let instant = DemoFixture.moment("00:27:00")
    var state: ConsoleState { DemoFixture.recording.state(at: instant) }
    var context: ScreenContext { DemoFixture.context(at: instant) }
    let size = Size(width: 120, height: 40)

    func press(_ keys: Key..., view: inout ViewState, state: ConsoleState? = nil, context: ScreenContext? = nil) -> [ConsoleCommand] {
        keys.flatMap { keymap.handle($0, view: &view, state: state ?? self.state, context: context ?? self.context, size: size) }
    }

    /// The alert the Alerts pane shows first (worst first).
    var topAlert: Alert {
        let id = PaneContent.of(.alerts, state: state, context: context, width: 80, height: 24).rows(matching: nil)[0].id
        return state.alerts[Int(id)!]!
    }

    @Test func acknowledgingNeedsTheAlertsPane() {
        var view = ViewState()
        #expect(press(.character("a"), view: &view).isEmpty)
        #expect(view.message == "select an alert first: press 4 for the Alerts pane")
    }

    @Test func acknowledgeTheSelectedAlertAsTheOperator() {
        var view = ViewState()
        let commands = press(.character("4"), .character("a"), view: &view)
        let alert = topAlert
        #expect(commands == [.publish(OperatorAction(alertId: alert.id, action: .ack, actor: "maria", channel: "key:test"))])
        #expect(view.message == "acknowledged #\(alert.id) as maria")
    }

    @Test func anAlertAlreadyOwnedIsNotAcknowledgedAgain() {
        var owned = state
        let alert = topAlert
        owned.apply(Envelope(seq: 1_000_000, timestamp: instant, source: "console",
                             event: .operatorAction(OperatorAction(alertId: alert.id, action: .ack, actor: "kenji", channel: "key"))))
        var view = ViewState()
        view.focus = .alerts
        view.selection[.alerts] = "\(alert.id)"
        #expect(press(.character("a"), view: &view, state: owned).isEmpty)
        #expect(view.message == "#\(alert.id) already acknowledged by kenji")
    }

    @Test func escalateNamesTheNextLevel() {
        var view = ViewState()
        let alert = topAlert
        let commands = press(.character("4"), .character("e"), view: &view)
        #expect(commands == [.publish(OperatorAction(alertId: alert.id, action: .escalate, actor: "maria", channel: "key:test"))])
        #expect(view.message == "escalated #\(alert.id) to level \(alert.escalationLevel + 1)")
    }

    @Test func focusMovesWithTabArrowsAndDigits() {
        var view = ViewState()
        _ = press(.tab, view: &view)
        #expect(view.focus == .feeds)
        _ = press(.backTab, .backTab, view: &view)
        #expect(view.focus == .alerts)
        _ = press(.character("3"), view: &view)
        #expect(view.focus == .viewers)
    }

    @Test func selectionMovesAndStopsAtTheEnds() {
        var view = ViewState()
        let rows = PaneContent.of(.events, state: state, context: context, width: 80, height: 24).rows(matching: nil)
        _ = press(.character("j"), .character("j"), view: &view)
        #expect(view.selection[.events] == rows[2].id)
        _ = press(.character("G"), view: &view)
        #expect(view.selection[.events] == rows.last?.id)
        _ = press(.character("k"), .home, view: &view)
        #expect(view.selection[.events] == rows.first?.id)
    }

    @Test func typingAFilterAppliesOnEnterAndEscapeClearsIt() {
        var view = ViewState()
        _ = press(.character("/"), .character("T"), .character("o"), .character("x"), .backspace, view: &view)
        #expect(view.filterDraft == "To")
        #expect(view.filters[.events] == nil)
        _ = press(.enter, view: &view)
        #expect(view.filters[.events] == "To" && view.filterDraft == nil)
        _ = press(.escape, view: &view)
        #expect(view.filters[.events] == nil)
    }

    @Test func lettersTypedIntoAFilterAreNotCommands() {
        var view = ViewState()
        #expect(press(.character("/"), .character("q"), .character("a"), view: &view).isEmpty)
        #expect(view.filterDraft == "qa")
        #expect(press(.interrupt, view: &view) == [.quit], "Ctrl-C always quits")
    }

    @Test func overlaysOpenAndClose() {
        var view = ViewState()
        _ = press(.character("?"), view: &view)
        #expect(view.overlay == .help)
        #expect(press(.character("a"), view: &view).isEmpty, "keys under an overlay do nothing")
        _ = press(.escape, view: &view)
        #expect(view.overlay == nil)
        _ = press(.character("4"), .enter, view: &view)
        #expect(view.overlay == .detail(.alerts, itemID: "\(topAlert.id)"))
    }

    @Test func replayKeysWorkOnlyInDemoMode() {
        var view = ViewState()
        #expect(press(.character(" "), .character("+"), .character("="), .character("-"), .character("]"), view: &view)
            == [.togglePause, .faster, .faster, .slower, .jumpToNextAlert])
        let live = DemoFixture.context(at: instant, mode: .live)
        #expect(press(.character(" "), .character("+"), .character("="), .character("-"), .character("]"), view: &view, context: live).isEmpty)
        #expect(press(.character("q"), view: &view, context: live) == [.quit])
    }
}
