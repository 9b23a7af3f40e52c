import Testing
import TallyConfig
import TallyCore

/// The hub's tokens file: named tokens with roles, as text or SHA-256, and every mistake
/// refused with its line.
struct TokensParserTests {
    @Test func namedTokensWithTheirRolesAsTextOrDigest() throws {
        let text = """
            tokens:
              - {name: wallboard, role: viewer, token: "a-long-random-string-1"}
              - name: kenji-laptop
                role: operator
                sha256: "ba8b3a4fdf6715b3193168de788b3084eef6b8c0379f681a74eb08e5ccc4fab4"
              - {name: encoders, role: ingest, token: "another-long-string-2"}
            """
        let grants = try TokensParser.parse(text, file: "tokens.yaml")
        #expect(grants.map(\.name) == ["wallboard", "kenji-laptop", "encoders"])
        #expect(grants.map(\.role) == [.viewer, .operator, .ingest])
        #expect(grants[0].secret == .plain("a-long-random-string-1"))
        guard case .sha256(let digest) = grants[1].secret else { return #expect(Bool(false), "not a digest") }
        #expect(digest.count == 32 && digest.first == 0xba && digest.last == 0xb4)
    }

    @Test(arguments: [
        ("tokens:\n  - {name: a, role: admin, token: \"0123456789abcdef\"}", "tokens.yaml:2: tokens[0].role: \"admin\" is not a role (operator, viewer, ingest)"),
        ("tokens:\n  - {name: a, role: viewer, token: short}", "tokens.yaml:2: tokens[0].token: 16 to 1024 characters"),
        ("tokens:\n  - {name: a, role: viewer, sha256: abc}", "tokens.yaml:2: tokens[0].sha256: 64 hexadecimal digits"),
        ("tokens:\n  - {name: a, role: viewer}", "tokens.yaml:2: tokens[0]: give token or sha256, one of them"),
        ("tokens:\n  - {name: a, role: viewer, token: \"0123456789abcdef\"}\n  - {name: a, role: ingest, token: \"0123456789abcdeg\"}",
         "tokens.yaml:3: tokens[1].name: \"a\" is named twice"),
        ("tokens:\n  - {name: \"a b\", role: viewer, token: \"0123456789abcdef\"}", "tokens.yaml:2: tokens[0].name: letters, digits and - _ . @, up to 64"),
        ("tokens: []", "tokens.yaml:1: tokens: give at least one"),
        ("token: x", "tokens.yaml:1: token: unknown key (expected tokens)"),
    ])
    func aMistakeIsRefusedWithItsLine(text: String, message: String) {
        #expect(throws: ConfigProblem.self) { try TokensParser.parse(text, file: "tokens.yaml") }
        do {
            _ = try TokensParser.parse(text, file: "tokens.yaml")
        } catch {
            #expect("\(error)" == message)
        }
    }
}
