import Foundation
import Testing
import TallyCore

/// A matcher's regular expression comes from a console, a file or a silence request and runs
/// on labels from anywhere: the patterns that backtrack for ever are refused, the rest match
/// fast even on the longest label taken.
struct RegexGuardTests {
    @Test(arguments: [
        ("(a+)+", "nested repetition (such as (a+)+) can take exponential time"),
        ("(a|aa)*", "nested repetition (such as (a+)+) can take exponential time"),
        ("((ab)*c)+", "nested repetition (such as (a+)+) can take exponential time"),
        ("(x+){2,}", "nested repetition (such as (a+)+) can take exponential time"),
        (".*.*.*.*", "more than 3 unbounded repetitions (*, +) in one pattern"),
        (String(repeating: "a", count: 300), "a regular expression longer than 256 bytes"),
    ])
    func aPatternThatCanBacktrackForEverIsRefused(pattern: String, reason: String) {
        #expect(throws: LabelMatcher.Invalid.self) { try LabelMatcher("team", .matches, pattern) }
        do {
            _ = try LabelMatcher("team", .matches, pattern)
        } catch {
            #expect(error.description.hasSuffix(reason), "\(pattern): \(error)")
        }
    }

    @Test(arguments: ["critical|error", #"feed\.(stale|bitrate)"#, "[(+]*x", #"\(a+\)+"#, "wbc-0[1-9]", ".*primary.*", "a{2,3}(b)?"])
    func anOrdinaryPatternIsTakenAndMatchesALongLabelQuickly(pattern: String) throws {
        let matcher = try LabelMatcher("team", .matches, pattern)
        let long = String(repeating: "a", count: AlertRaised.longestLabel)
        let started = ContinuousClock.now
        _ = matcher.matches(["team": long])
        #expect(ContinuousClock.now - started < .milliseconds(500), "\(pattern)")
    }
}
