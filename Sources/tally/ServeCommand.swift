import ArgumentParser
import Foundation
import TallyBus
import TallyConfig
import TallyConsole
import TallyCore
import TallyHub
import TallyHubService

/// `tally serve`: the hub, with no screen, for consoles to attach to.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the hub: monitors, scheduler, alert engine, notifiers and store, with no screen; consoles attach to it.",
        discussion: """
            Listens on a Unix socket (mode 0660: its owner and group may attach), and on TCP and the Alertmanager \
            webhook when asked. SIGHUP or SIGUSR1 reads tally.yaml again. SIGTERM or SIGINT stops in order: no new \
            clients, bye to every one, the notifications under way given --notification-deadline, the recording \
            flushed and the store closed; then exit 0. Logs to $XDG_STATE_HOME/tally/hub.log. The protocol is in \
            README.md ("Hub protocol").
            """
    )

    @Option(help: "The run configuration (default: $XDG_CONFIG_HOME/tally/tally.yaml).", completion: .yaml)
    var config: String?

    @Option(help: "The Unix socket to listen on (default: $XDG_RUNTIME_DIR/tally/hub.sock).")
    var socket: String?

    @Option(help: "Also listen on TCP, HOST:PORT (clients must present a token of --tokens or --token-file).")
    var listen: String?

    @Option(help: "A file holding one operator's access token for TCP clients (16 characters or more).", completion: .file())
    var tokenFile: String?

    @Option(help: "The tokens file (YAML): named tokens, each with a role (operator, viewer, ingest), as text or SHA-256.", completion: .yaml)
    var tokens: String?

    @Option(help: "The hub's certificate chain (PEM): TLS on --listen and --webhook; with --tls-key.", completion: .file())
    var tlsCert: String?

    @Option(help: "The private key of --tls-cert (PEM).", completion: .file())
    var tlsKey: String?

    @Option(help: "Take client certificates signed by this CA (PEM): a certificate's common name then names its operator.", completion: .file())
    var clientCa: String?

    @Flag(help: "Listen in plaintext on an address that is not loopback: the token and every alert travel in clear.")
    var insecurePlaintext = false

    @Option(help: "Accept Alertmanager webhooks (POST /alertmanager) on HOST:PORT, such as 127.0.0.1:7391.")
    var webhook: String?

    @Option(help: "Lines a second one ingest connection may send (bursts of four times that pass).")
    var ingestRate: Double = 500

    @Option(help: "Operator actions a second one console may send (bursts of five times that pass).")
    var actionRate: Double = 20

    @Option(help: "Seconds the notifications under way at a stop may still take (0 to 300); then each is given up, saying so in the audit trail.")
    var notificationDeadline: Double = 10

    @OptionGroup var sharing: SharedOptions

    @OptionGroup var recording: RecordingOptions

    @Option(help: "The alert store (default: $XDG_STATE_HOME/tally/tally.sqlite).")
    var store: String?

    func validate() throws {
        if let listen, HubAddress(hostAndPort: listen) == nil { throw ValidationError("--listen takes HOST:PORT, such as 127.0.0.1:7390") }
        if let webhook, HubAddress(hostAndPort: webhook) == nil { throw ValidationError("--webhook takes HOST:PORT, such as 127.0.0.1:7391") }
        guard (1...1_000_000).contains(ingestRate) else { throw ValidationError("--ingest-rate must be from 1 to 1000000 lines a second, not \(ingestRate)") }
        guard (0...300).contains(notificationDeadline) else {
            throw ValidationError("--notification-deadline must be from 0 to 300 seconds, not \(notificationDeadline)")
        }
        guard (1...1_000_000).contains(actionRate) else { throw ValidationError("--action-rate must be from 1 to 1000000 actions a second, not \(actionRate)") }
        if listen != nil, tokenFile == nil, tokens == nil { throw ValidationError("--listen needs --tokens or --token-file: TCP clients must present a token") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if clientCa != nil, tlsCert == nil { throw ValidationError("--client-ca needs --tls-cert and --tls-key: client certificates come with TLS") }
        for (option, value) in [("--listen", listen), ("--webhook", webhook)] {
            guard let value, let address = HubAddress(hostAndPort: value), !address.isLoopback, tlsCert == nil, !insecurePlaintext else { continue }
            throw ValidationError("\(option) \(value) is not a loopback address: give --tls-cert and --tls-key, or say --insecure-plaintext")
        }
    }

    func run() async throws {
        let path = config ?? ConsoleConfig.directory() + "/tally.yaml"
        let environment = ProcessInfo.processInfo.environment
        var settings = HubSettings(socket: socket.map { .unix(path: $0) } ?? HubAddress.defaultSocket(environment: environment))
        settings.tcp = listen.flatMap(HubAddress.init(hostAndPort:))
        settings.webhook = webhook.flatMap(HubAddress.init(hostAndPort:))
        settings.tokens = try Self.readTokens(file: tokens)
        if let token = try HubOptions.readToken(file: tokenFile), let single = AccessTokens(single: token) { settings.tokens = settings.tokens.adding(single) }
        if let tlsCert, let tlsKey { settings.tls = ServerTLS(certificatePath: tlsCert, keyPath: tlsKey, clientCAPath: clientCa) }
        settings.allowsPlaintext = insecurePlaintext
        settings.ingestPerSecond = ingestRate
        settings.ingestBurst = ingestRate * 4
        settings.actionsPerSecond = actionRate
        settings.actionBurst = actionRate * 5
        do {
            try await Hub.serve(configPath: path, recordPath: recording.record, rotation: try recording.rotation(), settings: settings,
                                notificationDeadlineSeconds: notificationDeadline,
                                shared: try sharing.room()) { [store] options in
                options.storePath = store
            }
        } catch let problem as ConfigProblem {
            throw CommandError("\(problem)\n  (fix it, check with tally check \(problem.file), and start again)")
        } catch let failure as HubFailure {
            throw CommandError("cannot serve: \(failure)")
        }
    }

    /// The tokens of `--tokens`, refused with `file:line` when the file has a mistake.
    static func readTokens(file: String?) throws -> AccessTokens {
        guard let file else { return .none }
        do {
            return AccessTokens(try TokensParser.parse(try ConsoleConfig.text(of: file), file: file))
        } catch {
            throw CommandError("\(error)")
        }
    }
}
