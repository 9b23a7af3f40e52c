import Foundation
import Testing

extension EndToEnd {
    /// `.ci/check-layering`: the module graph README's Code table states, checked against the
    /// imports and Package.swift. (`.ci/run` runs it on the project's own tree before the tests:
    /// from inside `swift test` its `swift package dump-package` would wait for the build's lock.)
    @Suite(.enabled(if: ProcessRunner.isInstalled("jq"), "jq is not installed: the layering script is not tested"))
    struct LayeringScriptTests {
        static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        static let script = packageRoot.appendingPathComponent(".ci/check-layering").path

        /// A package of targets A and B (A may import B, and depends on it; B imports nothing), with
        /// `sources` as their files.
        static func package(_ sources: [String: String]) throws -> URL {
            try write([
                "Package.swift": """
                    // swift-tools-version: 6.0
                    import PackageDescription
                    let package = Package(name: "Fixture", targets: [.target(name: "A", dependencies: ["B"]), .target(name: "B")])
                    """,
                "README.md": """
                    # Fixture

                    ## Code

                    | target | role | may import |
                    | --- | --- | --- |
                    | `A` | the top | `B` |
                    | `B` | the bottom | — |

                    ## After
                    """,
            ].merging(sources) { $1 })
        }

        /// A fresh folder holding `files` (path in the folder → text).
        static func write(_ files: [String: String]) throws -> URL {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-layering-\(UUID().uuidString.prefix(8))")
            for (path, text) in files {
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            return folder
        }

        @Test func anImportTheTableForbidsFailsWithItsPlace() throws {
            let folder = try Self.package(["Sources/A/A.swift": "import B\n", "Sources/B/B.swift": "import Foundation\nimport A\n"])
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = ProcessRunner.run(["/bin/bash", Self.script, folder.path])
            #expect(result.status == 1)
            #expect(result.output.contains("Sources/B/B.swift:2: imports A, which README's Code table does not allow for B (it may import nothing besides system modules)"), "\(result.output)")
            #expect(result.output.contains("B imports A without declaring it in Package.swift"))
        }

        @Test func aDeclaredModuleNoFileImportsFails() throws {
            let folder = try Self.package(["Sources/A/A.swift": "let a = 1\n", "Sources/B/B.swift": "let b = 2\n"])
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = ProcessRunner.run(["/bin/bash", Self.script, folder.path])
            #expect(result.status == 1)
            #expect(result.output.contains("A declares B in Package.swift but none of its files imports it"), "\(result.output)")
        }

        @Test func aHubThatReachesTheTerminalFails() throws {
            let folder = try Self.write([
                "Package.swift": """
                    // swift-tools-version: 6.0
                    import PackageDescription
                    let package = Package(name: "Fixture", targets: [
                        .target(name: "TallyHubService", dependencies: ["Middle"]), .target(name: "Middle", dependencies: ["TallyTerminal"]),
                        .target(name: "TallyTerminal"),
                    ])
                    """,
                "README.md": "## Code\n\n| target | role | may import |\n| --- | --- | --- |\n| `TallyHubService` | hub | `Middle` |\n"
                    + "| `Middle` | middle | `TallyTerminal` |\n| `TallyTerminal` | ncurses | — |\n",
                "Sources/TallyHubService/Hub.swift": "import Middle\n",
                "Sources/Middle/Middle.swift": "import TallyTerminal\n",
                "Sources/TallyTerminal/Terminal.swift": "let screen = 1\n",
            ])
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = ProcessRunner.run(["/bin/bash", Self.script, folder.path])
            #expect(result.status == 1)
            #expect(result.output.contains("TallyHubService depends on TallyTerminal: the headless hub must link no terminal"), "\(result.output)")
        }

        @Test func aGraphAsTheTableSaysPasses() throws {
            let folder = try Self.package(["Sources/A/A.swift": "import B\n", "Sources/B/B.swift": "import Foundation\n"])
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = ProcessRunner.run(["/bin/bash", Self.script, folder.path])
            #expect(result.status == 0, "\(result.output)")
        }
    }
}
