import Foundation
import TallyCore
import Yams

/// Several sites sharing one room (`shared:` in `tally.yaml`, or `tally serve --shared`): the
/// room's PostgreSQL, and where its password is when the URL does not carry it.
public struct SharedRoom: Sendable, Equatable {
    public var address: RoomAddress
    /// A password file in libpq's format (`password_file:`, `--shared-password-file`).
    public var passwordFile: String?

    public init(address: RoomAddress, passwordFile: String? = nil) {
        self.address = address
        self.passwordFile = passwordFile
    }

    /// `shared: {postgres: URL, password_file: FILE}`, the file relative to `folder`.
    static func parse(_ node: Node, at path: String, relativeTo folder: String, reader: YAMLReader) throws(ConfigProblem) -> SharedRoom {
        let fields = try reader.mapping(node, at: path, allowed: ["postgres", "password_file"], required: ["postgres"])
        let url = fields["postgres"]!
        let address: RoomAddress
        do {
            address = try RoomAddress(url: try reader.string(url, at: path + ".postgres"))
        } catch let problem as RoomAddressProblem {
            throw reader.problem(url, "\(path).postgres: \(problem.reason)")
        } catch {
            throw reader.problem(url, "\(path).postgres: \(error)")
        }
        let file = try fields["password_file"].map { node throws(ConfigProblem) in
            let value = try reader.string(node, at: path + ".password_file")
            return value.hasPrefix("/") ? value : (folder as NSString).appendingPathComponent(value)
        }
        return SharedRoom(address: address, passwordFile: file)
    }

    /// The address with its password, found as libpq finds it: the URL's own, else the first
    /// matching line of the password file (`passwordFile`, else `PGPASSFILE`, else `~/.pgpass`
    /// when it exists); none when no file has one (the server may trust the connection).
    public func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigProblem) -> RoomAddress {
        var address = self.address
        guard address.password == nil else { return address }
        let home = environment["HOME"].map { $0 + "/.pgpass" }
        let path = passwordFile ?? environment["PGPASSFILE"] ?? home.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        if let path { address.password = try PasswordFile.load(path: path).password(for: address) }
        return address
    }
}
