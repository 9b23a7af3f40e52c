import TallyCore
import Yams

/// The hub's tokens file (`tally serve --tokens FILE`): named tokens, each with a role, and
/// the token itself or its SHA-256 (README.md, "Who may do what").
///
///     tokens:
///       - {name: wallboard, role: viewer, token: "a-long-random-string"}
///       - {name: kenji-laptop, role: operator, sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}
///
/// A short token, a digest that is not 64 hex digits, an unknown role or a name given twice is
/// refused with `file:line: …`.
public enum TokensParser {
    public static func parse(_ text: String, file: String) throws(ConfigProblem) -> [AccessGrant] {
        let reader = YAMLReader(file: file)
        let root = try reader.mapping(try reader.root(text), at: "", allowed: ["tokens"], required: ["tokens"])
        var grants: [AccessGrant] = []
        for (index, node) in try reader.sequence(root["tokens"]!, at: "tokens").enumerated() {
            let path = "tokens[\(index)]"
            let fields = try reader.mapping(node, at: path, allowed: ["name", "role", "token", "sha256"], required: ["name", "role"])
            let name = try reader.string(fields["name"]!, at: path + ".name")
            guard name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
                throw reader.problem(fields["name"]!, "\(path).name: letters, digits and - _ . @, up to 64")
            }
            guard !grants.contains(where: { $0.name == name }) else { throw reader.problem(fields["name"]!, "\(path).name: \"\(name)\" is named twice") }
            let roleText = try reader.string(fields["role"]!, at: path + ".role")
            guard let role = AccessRole(rawValue: roleText) else {
                throw reader.problem(fields["role"]!, "\(path).role: \"\(roleText)\" is not a role (\(AccessRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            grants.append(AccessGrant(name: name, role: role, secret: try secret(fields, at: path, node: node, reader: reader)))
        }
        guard !grants.isEmpty else { throw reader.problem(root["tokens"]!, "tokens: give at least one") }
        return grants
    }

    private static func secret(_ fields: [String: Node], at path: String, node: Node, reader: YAMLReader) throws(ConfigProblem) -> AccessGrant.Secret {
        switch (fields["token"], fields["sha256"]) {
        case (let token?, nil):
            let text = try reader.string(token, at: path + ".token")
            guard text.utf8.count >= 16, text.utf8.count <= 1024 else { throw reader.problem(token, "\(path).token: 16 to 1024 characters") }
            return .plain(text)
        case (nil, let digest?):
            let text = try reader.string(digest, at: path + ".sha256")
            guard let bytes = hexBytes(text), bytes.count == 32 else { throw reader.problem(digest, "\(path).sha256: 64 hexadecimal digits") }
            return .sha256(bytes)
        default:
            throw reader.problem(node, "\(path): give token or sha256, one of them")
        }
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
