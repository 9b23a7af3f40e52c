import TallyCore
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

    @Test func aTokenMatchesOnlyItselfByItsTextOrItsDigestAndShortTokensAreRefused() throws {
        #expect(AccessTokens(single: "short") == nil)
        let single = try #require(AccessTokens(single: "s3cret-token-0123456789"))
        #expect(single.match("s3cret-token-0123456789") == .init(name: "token-file", role: .operator))
        #expect(single.match("s3cret-token-012345678") == nil, "a prefix")
        #expect(single.match("s3cret-token-01234567890") == nil, "longer")
        #expect(single.match("S3cret-token-0123456789") == nil)
        #expect(single.match("") == nil)
        // sha256("wallboard-token-0123456789"), as `printf %s … | sha256sum` gives it.
        let digest = "ba8b3a4fdf6715b3193168de788b3084eef6b8c0379f681a74eb08e5ccc4fab4"
        let bytes = stride(from: 0, to: digest.count, by: 2).map { UInt8(digest.dropFirst($0).prefix(2), radix: 16)! }
        let hashed = AccessTokens([AccessGrant(name: "wallboard", role: .viewer, secret: .sha256(bytes)),
                                   AccessGrant(name: "feeds", role: .ingest, secret: .plain("ingest-token-0123456789"))])
        #expect(hashed.match("wallboard-token-0123456789") == .init(name: "wallboard", role: .viewer))
        #expect(hashed.match("ingest-token-0123456789") == .init(name: "feeds", role: .ingest))
        #expect(hashed.match("s3cret-token-0123456789") == nil)
    }
}
