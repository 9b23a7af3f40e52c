import CNcursesw
import Glibc

/// Puts the terminal back if the process dies of a fatal signal (a crash, an abort) while
/// curses owns the screen: the bytes that leave the alternate screen and show the cursor,
/// and the original tty modes, prepared in advance so that the handler only calls
/// async-signal-safe functions.
enum EmergencyRestore {
    nonisolated(unsafe) private static var resetBytes: [UInt8] = []
    nonisolated(unsafe) private static var savedModes = termios()
    nonisolated(unsafe) private static var hasSavedModes = false
    private static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Records how to restore the terminal; call after setupterm and before curses changes modes.
    static func arm() {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmcup"] {
            if let value = tally_capability(capability) { bytes += Array(String(cString: value).utf8) }
        }
        resetBytes = bytes
        hasSavedModes = tcgetattr(0, &savedModes) == 0
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            EmergencyRestore.restoreNow()
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        sigemptyset(&action.sa_mask)
        for signal in fatalSignals { sigaction(signal, &action, nil) }
    }

    /// Stops handling fatal signals (after a normal restore).
    static func disarm() {
        for signal in fatalSignals { Glibc.signal(signal, SIG_DFL) }
    }

    private static func restoreNow() {
        resetBytes.withUnsafeBufferPointer { buffer in _ = write(1, buffer.baseAddress, buffer.count) }
        if hasSavedModes { tcsetattr(0, TCSANOW, &savedModes) }
    }
}
