import Foundation
import TallyConfig
import TallyScreen
import Testing

/// `keys.yaml`: commands moved to other keys, and every mistake refused with its line.
struct KeyBindingsParserTests {
    @Test func commandsMoveToTheKeysTheFileGives() throws {
        let bindings = try KeyBindingsParser.parse("# mine\nack: K\nescalate: [e, E]\nquit: Q\n", file: "keys.yaml")
        #expect(bindings.keys(for: .ack) == [.character("K")])
        #expect(bindings.keys(for: .escalate) == [.character("e"), .character("E")])
        #expect(bindings.command(for: .character("q"), isReplay: false) == nil)
        #expect(bindings.keys(for: .down) == KeyBindings.standard.keys(for: .down), "the rest keep their keys")
    }

    @Test(arguments: [
        ("ack: K\nackk: a\n", "keys.yaml:2: unknown command \"ackk\" (expected next-pane, "),
        ("ack: ctrl-a\n", "keys.yaml:1: ack: unknown key \"ctrl-a\" (a single character, or space, enter, esc"),
        ("escalate: E\nack: j\n", "keys.yaml:2: \"j\" would run both down and ack (panes)"),
        ("pause: \".\"\n", "keys.yaml:1: \".\" would run both pause and step (replay)"),
        ("ack: []\n", "keys.yaml:1: ack: give it a key"),
        ("- ack\n", "keys.yaml:1: keys.yaml maps commands to keys"),
        ("ack: [a\n", "keys.yaml:"),
    ])
    func aMistakeIsRefusedWithItsLine(text: String, message: String) {
        #expect {
            _ = try KeyBindingsParser.parse(text, file: "keys.yaml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func aFolderWithABadFileKeepsTheStandardKeysAndSaysWhy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-keys-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(KeyBindingsParser.load(directory: folder.path).bindings == .standard)
        #expect(KeyBindingsParser.load(directory: folder.path).problem == nil)
        try "ack: j\n".write(to: folder.appendingPathComponent("keys.yaml"), atomically: true, encoding: .utf8)
        let (bindings, problem) = KeyBindingsParser.load(directory: folder.path)
        #expect(bindings == .standard)
        #expect(problem?.line == 1)
        #expect(ConsoleConfig.check(file: folder.appendingPathComponent("keys.yaml").path).map { _ in "" } == .failure(problem!))
    }
}
