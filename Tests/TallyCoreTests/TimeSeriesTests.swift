import Testing
@testable import TallyCore

struct TimeSeriesTests {
    @Test func keepsTheLastValueOfEachBucketAndFillsGaps() {
        var series = TimeSeries(bucketSeconds: 10, capacity: 4)
        series.record(1, at: Fixture.t0)
        series.record(2, at: Fixture.t0.adding(seconds: 5))
        series.record(3, at: Fixture.t0.adding(seconds: 31))
        #expect(series.values == [2, 2, 2, 3])
        series.record(4, at: Fixture.t0.adding(seconds: 45))
        #expect(series.values == [2, 2, 3, 4])
    }

    @Test func changeIsRelativeToTheValueSomeBucketsAgo() {
        var series = TimeSeries(bucketSeconds: 1, capacity: 10)
        for (index, value) in [100, 100, 50].enumerated() { series.record(value, at: Fixture.t0.adding(seconds: Double(index))) }
        #expect(series.change(overLast: 2) == -0.5)
        #expect(series.change(overLast: 5) == nil)
    }
}
