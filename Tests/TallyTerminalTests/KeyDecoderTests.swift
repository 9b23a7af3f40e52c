import CNcursesw
import TallyScreen
import Testing
@testable import TallyTerminal

struct KeyDecoderTests {
    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_NPAGE, .pageDown), (KEY_PPAGE, .pageUp),
        (KEY_HOME, .home), (KEY_END, .end), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter),
    ] as [(Int32, Key)])
    func functionKeys(code: Int32, key: Key) {
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(code)) == .key(key))
    }

    @Test func resizeIsNotAKey() {
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(KEY_RESIZE)) == .resize)
    }

    @Test(arguments: [
        (3, Key.interrupt), (8, .backspace), (127, .backspace), (9, .tab), (10, .enter), (13, .enter), (27, .escape),
        (97, .character("a")), (0x6771, .character("東")), (0x1F4FA, .character("📺")),
    ] as [(UInt32, Key)])
    func characters(code: UInt32, key: Key) {
        #expect(KeyDecoder.decode(status: OK, code: code) == .key(key))
    }

    @Test func otherControlsErrorsAndUnknownKeysAreIgnored() {
        #expect(KeyDecoder.decode(status: OK, code: 1) == nil)
        #expect(KeyDecoder.decode(status: ERR, code: 97) == nil)
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(KEY_F0 + 5)) == nil)
        #expect(KeyDecoder.decode(status: OK, code: 0xD800) == nil, "a lone surrogate is not a character")
    }
}
