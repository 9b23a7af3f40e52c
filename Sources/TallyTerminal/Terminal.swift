import CNcursesw
import Glibc
import TallyScreen

/// The console's one terminal: ncurses set up safely, keys read without blocking, canvases
/// painted by sending only the cells that changed, and the terminal always given back.
///
/// Not thread-safe, by design: one loop owns it (ncurses is not thread-safe either).
public final class Terminal {
    public private(set) var size: Size
    public let colorDepth: ColorDepth
    /// Whether the locale lets ncursesw draw non-ASCII characters.
    public let supportsUnicode: Bool
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: Canvas?
    private var pairs = ColorPairs()
    private var isClosed = false

    /// Starts curses on standard input and output.
    ///
    /// Throws rather than exiting (as `initscr` would) when there is no terminal, the terminal
    /// type is unknown, or it cannot address the cursor (`TERM=dumb`).
    public static func open(environment: [String: String]) throws(TerminalError) -> Terminal {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("no terminal: standard input and output must be a terminal (for text output use `tally snapshot`)")
        }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else { throw TerminalError("TERM is not set; set it to your terminal type, e.g. TERM=xterm-256color") }
        var setupError: Int32 = 0
        guard setupterm(nil, 1, &setupError) == OK else {
            throw TerminalError("unknown terminal type TERM=\(term); try TERM=xterm-256color (or install ncurses-term)")
        }
        guard tally_capability("cup") != nil else {
            throw TerminalError("TERM=\(term) cannot move the cursor, so the console cannot draw; use a full terminal or `tally snapshot`")
        }
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        unblockConsoleSignals()
        EmergencyRestore.arm()
        guard let output = fdopen(dup(1), "w"), let input = fdopen(dup(0), "r"), let screen = newterm(nil, output, input) else {
            EmergencyRestore.disarm()
            throw TerminalError("ncurses could not start on TERM=\(term)")
        }
        set_term(screen)
        return Terminal(screen: screen, supportsUnicode: codeset == "UTF-8")
    }

    private init(screen: OpaquePointer, supportsUnicode: Bool) {
        self.screen = screen
        self.window = tally_stdscr()
        self.supportsUnicode = supportsUnicode
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(25)
        if has_colors() {
            start_color()
            use_default_colors()
            colorDepth = ColorDepth(colors: Int(tally_colors()))
        } else {
            colorDepth = .none
        }
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        pairs.load(.builtIn, depth: colorDepth, maximumPairs: Int(tally_color_pairs()))
    }

    deinit { close() }

    /// The file descriptor to wait on for input.
    public var inputDescriptor: Int32 { 0 }

    /// Whether the terminal has stopped taking output: its buffer is full of earlier frames
    /// because whatever reads it (sshd on a slow link) is behind. Painting now would block.
    public var isOutputBackedUp: Bool {
        var descriptor = pollfd(fd: 1, events: Int16(POLLOUT), revents: 0)
        return poll(&descriptor, 1, 0) == 0 || descriptor.revents & Int16(POLLOUT) == 0
    }

    /// Uses `theme` from the next paint on.
    public func apply(_ theme: Theme) {
        pairs.load(theme, depth: colorDepth, maximumPairs: Int(tally_color_pairs()))
        previous = nil
    }

    /// The next key or resize waiting, or nil when there is none. Never blocks.
    public func readInput() -> TerminalInput? {
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { return nil }
            if let input = KeyDecoder.decode(status: status, code: UInt32(code)) {
                if input == .resize { updateSize() }
                return input
            }
        }
    }

    /// Reads the kernel's idea of the size after SIGWINCH and tells ncurses.
    public func handleResizeSignal() {
        var rows: Int32 = 0, columns: Int32 = 0
        if tally_window_size(1, &rows, &columns) == 0 { resizeterm(rows, columns) }
        updateSize()
    }

    private func updateSize() {
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        previous = nil
        clearok(window, true)
    }

    /// Paints `canvas`, sending only what differs from the last canvas painted.
    public func paint(_ canvas: Canvas) {
        guard !isClosed else { return }
        let last = previous?.size == canvas.size ? previous : nil
        if !paintChanges(of: canvas, since: last) {
            // The pictures shown have used up the colour pairs: start them again and repaint all.
            pairs.forgetPaints()
            _ = paintChanges(of: canvas, since: nil)
        }
        previous = canvas
        wnoutrefresh(window)
        doupdate()
    }

    /// Paints the rows that differ from `last` (all of them without it); false when a painted
    /// cell found no colour pair left, and was shown in its role's colours instead.
    private func paintChanges(of canvas: Canvas, since last: Canvas?) -> Bool {
        var complete = true
        for y in 0..<canvas.size.height {
            guard let span = CanvasDiff.changedSpan(row: y, old: last, new: canvas) else { continue }
            complete = paintRow(y, of: canvas, from: span.lowerBound, to: span.upperBound) && complete
        }
        return complete
    }

    private func paintRow(_ y: Int, of canvas: Canvas, from start: Int, to end: Int) -> Bool {
        var x = start, complete = true
        var text: [wchar_t] = []
        while x < end {
            let role = canvas[x, y].role, paint = canvas[x, y].paint
            let runStart = x
            text.removeAll(keepingCapacity: true)
            while x < end, canvas[x, y].role == role, canvas[x, y].paint == paint {
                let cell = canvas[x, y]
                if cell.width > 0 {
                    for scalar in cell.character.unicodeScalars { text.append(wchar_t(bitPattern: scalar.value)) }
                }
                x += 1
            }
            var style = pairs.byRole[role] ?? ColorPairs.Resolved(attributes: tally_a_normal(), pair: 0)
            if let paint {
                if let pair = pairs.pair(for: paint) { style = ColorPairs.Resolved(attributes: tally_a_normal(), pair: pair) } else { complete = false }
            }
            wattr_set(window, style.attributes, style.pair, nil)
            mvwaddnwstr(window, Int32(y), Int32(runStart), text, Int32(text.count))
        }
        return complete
    }

    /// Gives the terminal back: normal screen, cursor, modes. Safe to call more than once.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        endwin()
        delscreen(screen)
        EmergencyRestore.disarm()
    }

    private static func unblockConsoleSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
