import Testing
@testable import TallyHub

/// The guards in front of the hub: a rate limit per ingest connection and the TCP token.
struct IngestGuardTests {
    @Test func aBurstPassesThenTheRateHoldsAndRefusalsAreCounted() {
        var limit = IngestRateLimit(perSecond: 10, burst: 5)
        let first = (0..<8).map { _ in limit.admit(at: 0) }
        #expect(first == [true, true, true, true, true, false, false, false])
        #expect(limit.refused == 3)
        let refilled = [limit.admit(at: 0.1), limit.admit(at: 0.1)]
        #expect(refilled == [true, false], "a tenth of a second refills one line")
        let afterQuiet = (0..<6).map { _ in limit.admit(at: 10) }
        #expect(afterQuiet == [true, true, true, true, true, false], "a quiet spell refills up to the burst, not beyond")
    }

    @Test func theTokenMatchesOnlyItselfAndShortTokensAreRefused() throws {
        #expect(AccessToken("short") == nil)
        let token = try #require(AccessToken("s3cret-token-0123456789"))
        #expect(token.matches("s3cret-token-0123456789"))
        #expect(!token.matches("s3cret-token-012345678"), "a prefix")
        #expect(!token.matches("s3cret-token-01234567890"), "longer")
        #expect(!token.matches("S3cret-token-0123456789"))
        #expect(!token.matches(""))
    }
}
