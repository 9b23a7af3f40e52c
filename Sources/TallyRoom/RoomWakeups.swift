import Logging
import NIOCore
import PostgresNIO
import TallyCore

/// `LISTEN tally_room` on a connection of its own: `wake` is called for every append any site
/// makes. A notification carries no rows and can be lost with a link, so the reader always
/// reads `seq > last_seen` after a wake-up and after a reconnect, never from the payload.
public final class RoomWakeups: Sendable {
    private let connection: PostgresConnection
    private let listening: Task<Void, Never>

    private init(connection: PostgresConnection, listening: Task<Void, Never>) {
        self.connection = connection
        self.listening = listening
    }

    /// Listens until `stop()` or until the connection fails; `ended` is called then, with the error.
    public static func listen(_ address: RoomAddress, on loop: any EventLoop, logger: Logger, wake: @escaping @Sendable () -> Void,
                              ended: @escaping @Sendable ((any Error)?) -> Void = { _ in }) async throws -> RoomWakeups {
        let connection = try await RoomConnection.connect(to: address, on: loop, id: 2, logger: logger)
        let (started, isListening) = AsyncStream.makeStream(of: Void.self)
        let listening = Task {
            do {
                try await connection.listen(on: RoomLog.channel) { notifications in
                    isListening.finish()
                    for try await _ in notifications { wake() }
                }
                ended(nil)
            } catch {
                isListening.finish()
                ended(Task.isCancelled ? nil : error)
            }
        }
        for await _ in started {}
        return RoomWakeups(connection: connection, listening: listening)
    }

    public func stop() async {
        listening.cancel()
        try? await connection.close()
    }
}
