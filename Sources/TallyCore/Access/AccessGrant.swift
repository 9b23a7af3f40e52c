/// What a connection to the hub may do, by the token it presented.
public enum AccessRole: String, Sendable, Equatable, CaseIterable, Codable {
    /// Attaches a console and acts: acknowledges, escalates, silences.
    case `operator`
    /// Attaches a console that only shows (the BOC's wallboard, a manager's laptop); its
    /// actions are refused and counted.
    case viewer
    /// Sends bus events (`tally ingest`, `POST /ingest`); cannot attach a console.
    case ingest

    /// Whether this role may attach a console.
    public var attaches: Bool { self != .ingest }
    /// Whether this role may act on alerts.
    public var acts: Bool { self == .operator }
    /// Whether this role may send bus events.
    public var ingests: Bool { self != .viewer }
}

/// One named token of the hub's tokens file: its role, and the secret as written, or its SHA-256.
public struct AccessGrant: Sendable, Equatable {
    public enum Secret: Sendable, Equatable {
        /// The token itself (16 characters or more).
        case plain(String)
        /// The SHA-256 of the token, 32 bytes: the file then holds nothing a reader could present.
        case sha256([UInt8])
    }

    /// How the token appears in the audit trail (`wallboard`, `kenji-laptop`).
    public var name: String
    public var role: AccessRole
    public var secret: Secret

    public init(name: String, role: AccessRole, secret: Secret) {
        self.name = name
        self.role = role
        self.secret = secret
    }
}
