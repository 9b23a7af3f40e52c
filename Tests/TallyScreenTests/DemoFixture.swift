import TallyBus
import TallyCore
import TallyScenarios
import TallyScreen

/// The built-in demo recording, read once for all screen tests.
enum DemoFixture {
    static let recording: Recording = {
        do { return try BuiltInDemo.recording() } catch { fatalError("built-in demo unreadable: \(error)") }
    }()

    static func moment(_ elapsed: String) -> Instant { recording.moment(elapsed)! }

    static func context(at instant: Instant, glyphs: Glyphs = .unicode, mode: ConsoleMode = .demo(speed: 4, isPaused: false, isFinished: false)) -> ScreenContext {
        ScreenContext(mode: mode, now: instant, operatorName: "maria", glyphs: glyphs, utcOffsetSeconds: 3600)
    }

    static func render(at elapsed: String, size: Size, view: ViewState = ViewState(), glyphs: Glyphs = .unicode) -> Canvas {
        let instant = moment(elapsed)
        return Screen.render(state: recording.state(at: instant), view: view, context: context(at: instant, glyphs: glyphs), size: size)
    }
}
