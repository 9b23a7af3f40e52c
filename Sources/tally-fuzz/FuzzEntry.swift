import Foundation
import TallyFuzzTargets

#if FUZZING
/// libFuzzer's entry: the target named by `TALLY_FUZZ_TARGET` over one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntry.target(Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)))
    return 0
}

/// libFuzzer's driver, which runs the fuzzing loop over `fuzzOneInput`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM names an executable's entry point itself, so libFuzzer's own `main` cannot be
/// used: this one hands the command line to libFuzzer's driver.
@main
enum FuzzEntry {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }

    static let target: @Sendable ([UInt8]) -> Void = {
        let name = ProcessInfo.processInfo.environment["TALLY_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTargets.all[name] else {
            FileHandle.standardError.write(Data("set TALLY_FUZZ_TARGET to one of: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return target
    }()
}
#else
/// Without libFuzzer (`swift build`): `tally-fuzz TARGET FILE…` runs inputs through a target,
/// to replay a crash that the fuzzer found; `tally-fuzz --list` names the targets.
@main
enum FuzzReplay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTargets.all[name] else {
            print("usage: tally-fuzz TARGET FILE…   (targets: \(FuzzTargets.all.keys.sorted().joined(separator: ", ")))")
            exit(arguments.first == "--list" ? 0 : 64)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                exit(66)
            }
            target(Array(data))
            print("\(path): ok")
        }
    }
}
#endif
