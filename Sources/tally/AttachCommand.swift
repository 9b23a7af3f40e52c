import ArgumentParser
import TallyConsole
import TallyHub

/// `tally attach`: a console on a hub's state, from this machine or over SSH.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Run the console against a hub (tally serve), locally or from an SSH session.",
        discussion: "On the Unix socket the hub knows you by your login; on TCP by --name, with the token."
    )

    @OptionGroup var hub: HubOptions

    @Option(help: "Your name on TCP (default: $TALLY_OPERATOR or your login).")
    var name: String?

    @OptionGroup var look: LookOptions

    func run() throws {
        var settings = HubLink.Settings(address: hub.address, name: name, token: try hub.token(), tls: hub.tls)
        settings.name = name
        let ending: ConsoleSession.Ending
        do {
            ending = try ConsoleSession.attach(to: settings) { options in
                look.apply(to: &options)
            }
        } catch let failure as HubFailure {
            throw CommandError(failure.description + (hub.connect == nil ? "\n  (is tally serve running? it listens on \(hub.address))" : ""))
        }
        if ending != .quit { throw ExitCode(ending.rawValue) }
    }
}
