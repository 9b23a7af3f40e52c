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

    /// The keys pressed as the console presses them: the footer's answer cleared by each key
    /// (unless it edits a line) and set by what the keymap says; the other commands returned.
    func press(_ keys: Key..., view: inout ViewState, state: ConsoleState? = nil, context: ScreenContext? = nil) -> [ConsoleCommand] {
        keys.flatMap { key in
            if view.filterDraft == nil, view.commandDraft == nil, view.prompt == nil { view.message = nil }
            return keymap.handle(key, view: &view, state: state ?? self.state, context: context ?? self.context, size: size).filter { command in
                guard case .say(let text) = command else { return true }
                view.message = text
                return false
            }
        }
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
        #expect(view.message == nil, "the receipt comes once the action is stored, not before")
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

    @Test func escalateAsksForANoteThenPublishesIt() {
        var view = ViewState()
        let alert = topAlert
        let asked = press(.character("4"), .character("e"), view: &view)
        #expect(asked.isEmpty)
        #expect(view.prompt?.question == "escalate #\(alert.id), note:")
        let typed = press(.character("o"), .character("k"), .backspace, .character("n"), .character(" "), .enter, view: &view)
        #expect(typed == [.publish(OperatorAction(alertId: alert.id, action: .escalate, actor: "maria", channel: "key:test", comment: "on"))])
        #expect(view.prompt == nil)
    }

    @Test func escapeCancelsAPromptWithoutActing() {
        var view = ViewState()
        let commands = press(.character("4"), .character("R"), .character("x"), .escape, view: &view)
        #expect(commands.isEmpty)
        #expect(view.prompt == nil)
        #expect(view.message == "cancelled")
    }

    @Test func silencePrefillsTheAlertsKeyAndTabCyclesToItsFeedAndEvent() throws {
        var view = ViewState()
        let alert = topAlert
        _ = press(.character("4"), .character("s"), view: &view)
        #expect(view.prompt?.scopes.first == LabelMatcher(label: "dedup_key", equals: alert.raised.dedupKey))
        let commands = press(.backTab, .up, .character("w"), .enter, view: &view)
        let event = try #require(alert.raised.eventId)
        #expect(commands == [.silence(SilenceRequest(matchers: [LabelMatcher(label: "event", equals: event)], durationSeconds: 4 * 3600,
                                                     actor: "maria", channel: "key:test", comment: "w", alertId: alert.id))])
    }

    @Test func unacknowledgeNeedsAnAcknowledgedAlert() {
        var view = ViewState()
        let commands = press(.character("4"), .character("A"), view: &view)
        #expect(commands.isEmpty)
        #expect(view.message == "#\(topAlert.id) is not acknowledged")
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

/// Silences from the keyboard: the overlay lists them, `x` expires the selected one, and the
/// footer's receipt says what was stored.
struct SilenceKeysTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!
    let keymap = Keymap(operatorName: "maria", channel: "key:test")

    func silencedState() -> (ConsoleState, AlertingOutcome) {
        var state = ConsoleState()
        state.apply(Envelope(seq: 1, timestamp: Self.t0, source: "test", event: .alertRaised(AlertRaised(
            dedupKey: "feed.stale/wbc-1-primary", severity: .critical, summary: "stale", source: "hls-monitor",
            labels: ["event": "wbc-1", "feed": "wbc-1-primary"]))))
        let outcome = state.apply(Envelope(seq: 2, timestamp: Self.t0.adding(seconds: 5), source: "console", event: .silenceCreated(SilenceRequest(
            matchers: [LabelMatcher(label: "event", equals: "wbc-1")], durationSeconds: 3600, actor: "maria",
            channel: "key:test", comment: "venue maintenance", alertId: 1))))
        return (state, outcome)
    }

    @Test func theReceiptSaysHowManyAlertsTheSilenceHolds() {
        let (state, outcome) = silencedState()
        let request = SilenceRequest(matchers: [], durationSeconds: 3600, actor: "maria", channel: "key:test", comment: "")
        #expect(Receipt.message(for: .silenceCreated(request), outcome: outcome, state: state) == "silence s1 holds 1 alert until 20:00Z")
    }

    @Test func theOverlayListsSilencesAndXExpiresTheSelectedOne() {
        let (state, _) = silencedState()
        let context = ScreenContext(mode: .live, now: Self.t0.adding(seconds: 60), operatorName: "maria", glyphs: .unicode,
                                    utcOffsetSeconds: 0, notice: nil)
        var view = ViewState()
        _ = keymap.handle(.character("S"), view: &view, state: state, context: context, size: Size(width: 120, height: 40))
        #expect(view.overlay == .silences(selected: 0))
        let screen = Screen.render(state: state, view: view, context: context, size: Size(width: 120, height: 40)).text
        #expect(screen.contains("s1  event=\"wbc-1\"  · ends in 59m · 1 held"))
        #expect(screen.contains("maria: venue maintenance"))
        let commands = keymap.handle(.character("x"), view: &view, state: state, context: context, size: Size(width: 120, height: 40))
        #expect(commands == [.expireSilence(SilenceExpiry(silenceId: 1, actor: "maria", channel: "key:test"))])
    }
}
