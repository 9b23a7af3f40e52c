import TallyCore
import Testing

/// The after-show's text chart and the report's alerts per hour, on fixed numbers.
struct ViewerChartTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    @Test func columnsRiseToThePeakWithTheAlertsMarkedUnder() {
        let points = [0, 1_000_000, 2_000_000, 4_000_000].enumerated().map { minute, viewers in
            EventDiary.ViewerPoint(minute: Self.t0.adding(seconds: Double(minute) * 60), concurrent: viewers)
        }
        let lines = ViewerChart(points: points, marks: [Self.t0.adding(seconds: 130)]).lines(height: 2)
        #expect(lines == [
            " 4.00M ┤   █",
            "     0 ┤ ▄██",
            "          ▲",
            "        19:00 19:03",
        ])
        #expect(ViewerChart(points: [], marks: []).lines().isEmpty)
    }

    @Test func alertsRaisedPerHourCountFromTheFirstHourToTheLast() {
        let facts = OperationsReportTests.facts()
        let report = OperationsReport(facts)
        // The fortnight runs from 2026-03-08T05:00 to 2026-03-09T15:10: the last 48 hours of it counted.
        #expect(report.raisedPerHour.count == 35 && report.raisedPerHour.reduce(0, +) == 4)
        #expect(report.raisedPerHour.first == 1 && report.raisedPerHour.last == 1)
    }
}
