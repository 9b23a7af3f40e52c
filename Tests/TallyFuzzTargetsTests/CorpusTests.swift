import Foundation
import Testing
import TallyFuzzTargets

/// Every seed of every fuzz target, and every crash the fuzzer ever found (kept beside the
/// seeds), runs through its target in the ordinary test run: a reader that traps on one fails
/// here without libFuzzer.
struct CorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/corpus").standardized

    @Test func everyTargetHasSeedsAndEverySeedFolderATarget() throws {
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path))
        #expect(folders == Set(FuzzTargets.all.keys), "Fuzz/corpus has a folder for each target and no other")
        for name in folders {
            #expect(try !FileManager.default.contentsOfDirectory(atPath: Self.corpus.appendingPathComponent(name).path).isEmpty, "\(name) has no seeds")
        }
    }

    @Test(arguments: FuzzTargets.all.keys.sorted())
    func everySeedRunsThroughItsTarget(name: String) throws {
        let folder = Self.corpus.appendingPathComponent(name)
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let target = try #require(FuzzTargets.all[name])
        for seed in seeds {
            let bytes = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(seed).path))
            target(Array(bytes))
            // Cut short at every tenth of its length too, as a truncated file or a dropped link leaves it.
            for tenth in 1..<10 { target(Array(bytes.prefix(bytes.count * tenth / 10))) }
        }
        #expect(!seeds.isEmpty)
    }
}
