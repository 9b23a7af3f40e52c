import Foundation

/// Who is at this console: `$TALLY_OPERATOR`, else the login name.
public enum OperatorIdentity {
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let name = environment["TALLY_OPERATOR"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        if let login = getlogin() { return String(cString: login) }
        if let name = environment["USER"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "operator"
    }

    /// `ssh:ADDRESS` when the console runs over SSH (from `$SSH_CLIENT`), else nil.
    public static func remote(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let client = environment["SSH_CLIENT"] ?? environment["SSH_CONNECTION"],
              let address = client.split(separator: " ").first else { return nil }
        return "ssh:" + address
    }
}
