import TallyLive
import TallyScreen

/// The live day as a console's timeline: replay keys do nothing here.
extension LiveTimeline: SessionTimeline {
    func mode(atWall wall: Double) -> ConsoleMode { .live }
}
