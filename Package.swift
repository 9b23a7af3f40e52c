// swift-tools-version: 6.0
import PackageDescription

/// The folder of this manifest, to name the link order file by its full path.
let packageRoot = String(#filePath.dropLast("Package.swift".count))

/// How `tally` is linked so that a console resides in little memory (README, "Memory"): the Swift
/// runtime and Foundation linked in (the shared libraries' relocations and symbol lookups touch
/// some 10 MB of their pages), by lld, exporting no symbols (a table that `dladdr` would walk),
/// with the functions a console runs laid side by side (`Sources/tally/link-order.txt`, written by
/// `Benchmarks/link-order`), where the linker would scatter them over 36 MB of code.
let tallyLinkage: [LinkerSetting] = [
    .unsafeFlags([
        "-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
        "-Xlinker", "--symbol-ordering-file=\(packageRoot)Sources/tally/link-order.txt", "-Xlinker", "--no-warn-symbol-ordering",
    ]),
    // What Foundation's shared libraries bring with them, named since the code was compiled to link them.
    .linkedLibrary("_FoundationICU"), .linkedLibrary("CoreFoundation"), .linkedLibrary("_FoundationCShims"), .linkedLibrary("_FoundationCollections"),
]

let package = Package(
    name: "Tally",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tally", targets: ["tally"]),
        .executable(name: "tally-bench", targets: ["tally-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.90.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        // SHA-256 of tokens, and the tests' own certificates; both are in the graph already through swift-certificates.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // The domain is optimised in debug builds too: the tests replay whole nights through it
        // (three times faster for the whole suite), and debugging happens in the layers above.
        .target(name: "TallyCore", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "TallyBus", dependencies: ["TallyCore", "CZlib"]),
        .target(
            name: "TallyScenarios",
            dependencies: ["TallyCore", "TallyBus"],
            resources: [.copy("Resources/wbc-night-compact.jsonl.gz")]
        ),
        .target(name: "TallyConfig", dependencies: ["TallyCore", "TallyScreen", "Yams"]),
        .target(
            name: "TallySources",
            dependencies: [
                "TallyCore", .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .target(
            name: "TallyNotify",
            dependencies: ["TallyCore", .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .target(
            name: "TallyHub",
            dependencies: [
                "TallyCore", "TallyBus", .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "NIOTLS", package: "swift-nio"), .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "TallyStore", dependencies: ["TallyCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "TallyRoom",
            dependencies: [
                "TallyCore", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TallyScreen", dependencies: ["TallyCore"]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "TallyTerminal", dependencies: ["CNcursesw", "TallyScreen"]),
        .target(
            name: "TallyLive",
            dependencies: [
                "TallyCore", "TallyBus", "TallyConfig", "TallySources", "TallyNotify", "TallyStore", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TallyHubService",
            dependencies: [
                "TallyCore", "TallyBus", "TallyConfig", "TallyHub", "TallyLive", "TallyNotify", "TallyRoom", "TallyStore",
                .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "TallyConsole",
            dependencies: [
                "TallyCore", "TallyBus", "TallyConfig", "TallyScenarios", "TallyScreen", "TallyStore", "TallyTerminal", "TallyLive",
                "TallyHub", .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Runbooks")]
        ),
        .executableTarget(
            name: "tally",
            dependencies: [
                "TallyCore", "TallyBus", "TallyConfig", "TallyScenarios", "TallyScreen", "TallyConsole", "TallyStore",
                "TallyNotify", "TallyHub", "TallyHubService", "TallyLive", "TallyRoom", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["link-order.txt"],
            linkerSettings: tallyLinkage
        ),
        .target(
            name: "TallyFuzzTargets",
            dependencies: [
                "TallyCore", "TallyBus", "TallyConfig", "TallyHub", "TallyScreen", "TallySources", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "tally-fuzz", dependencies: ["TallyFuzzTargets"]),
        .executableTarget(
            name: "tally-bench",
            dependencies: [
                "TallyCore", "TallyBus", "TallyConfig", "TallyScenarios", "TallyScreen", "TallyConsole", "TallyStore", "TallySources", "TallyHub",
                "TallyRoom", "TallyTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "TallyCoreTests", dependencies: ["TallyCore"]),
        .testTarget(name: "TallyBusTests", dependencies: ["TallyCore", "TallyBus", "TallyScenarios"]),
        .testTarget(name: "TallyStoreTests", dependencies: ["TallyCore", "TallyStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TallyConfigTests", dependencies: ["TallyCore", "TallyConfig", "TallyScreen"]),
        .target(name: "TallyTestSupport", path: "Tests/TallyTestSupport"),
        .testTarget(
            name: "TallyRoomTests",
            dependencies: ["TallyCore", "TallyRoom", "TallyTestSupport", .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "TallyNotifyTests", dependencies: ["TallyCore", "TallyNotify", "TallyTestSupport"]),
        .testTarget(name: "TallySourcesTests", dependencies: ["TallyCore", "TallySources", "TallyTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TallyScreenTests",
            dependencies: ["TallyCore", "TallyBus", "TallyScenarios", "TallyScreen"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "TallyConsoleTests", dependencies: ["TallyCore", "TallyBus", "TallyConfig", "TallyConsole", "TallyLive", "TallyScenarios", "TallyScreen"]
        ),
        .testTarget(
            name: "TallyHubTests",
            dependencies: [
                "TallyCore", "TallyBus", "TallyHub", "TallyScenarios", "TallyTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "TallyTerminalTests", dependencies: ["CNcursesw", "TallyScreen", "TallyTerminal"]),
        .testTarget(name: "TallyScenariosTests", dependencies: ["TallyCore", "TallyBus", "TallyScenarios"]),
        .testTarget(name: "TallyEndToEndTests", dependencies: ["TallyTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TallyFuzzTargetsTests", dependencies: ["TallyFuzzTargets"]),
    ],
    swiftLanguageModes: [.v6]
)
