import TallyCore
import Testing

/// Matchers that compare a number (`viewers_at_risk>=1000000`): parsed beside Alertmanager's four,
/// refused unless the bound is a finite number, and false for a label that is not one.
struct LabelMatcherComparisonTests {
    @Test(arguments: [
        ("viewers_at_risk>=1000000", ["viewers_at_risk": "1000000"], true),
        ("viewers_at_risk>=1000000", ["viewers_at_risk": "999999"], false),
        ("viewers_at_risk > 0", ["viewers_at_risk": "1"], true),
        ("viewers_at_risk<=10", ["viewers_at_risk": "10"], true),
        ("viewers_at_risk<10", ["viewers_at_risk": "10"], false),
        ("viewers_at_risk>=0", [:], false),
        ("viewers_at_risk>=0", ["viewers_at_risk": "many"], false),
        ("viewers_at_risk>=0", ["viewers_at_risk": "nan"], false),
        (#"summary=~"a>=b""#, ["summary": "a>=b"], true),
        (#"team!="audience""#, ["team": "ingest"], true),
    ] as [(String, [String: String], Bool)])
    func aComparisonMatchesNumbersOnly(text: String, labels: [String: String], expected: Bool) throws {
        #expect(try LabelMatcher.parse(text).matches(labels) == expected)
    }

    @Test(arguments: ["viewers_at_risk>=lots", "viewers_at_risk>=1e400", "viewers_at_risk<nan", "viewers_at_risk>=1e16", ">=5"])
    func aBoundThatIsNotAFiniteNumberIsRefused(text: String) {
        #expect(throws: LabelMatcher.Invalid.self) { try LabelMatcher.parse(text) }
    }

    @Test func aComparisonReadsBackAsItWasWritten() throws {
        #expect(try LabelMatcher.parse("viewers_at_risk >= 1000000").description == #"viewers_at_risk>="1000000""#)
        #expect(try LabelMatcher.parse(#"viewers_at_risk>="1000000""#).matches(["viewers_at_risk": "2000000"]))
    }
}
