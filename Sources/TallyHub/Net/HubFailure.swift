/// Why the hub cannot serve (an address in use, a certificate it cannot read) or a client
/// cannot attach (the hub unreachable or refusing): one line for the operator, said before a
/// screen is taken.
public struct HubFailure: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
