// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // Release builds reach generic types' metadata through their accessors instead of demangling type names at run
    // time: each demangled name checks its generic requirements by scanning every protocol conformance of the
    // executable (some 11,000), the largest single cost of a short command's start (docs/decisions.md, 2026-12-01).
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

let package = Package(
    name: "Tripact",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TripactCore", targets: ["TripactCore"]),
        .library(name: "TripactStore", targets: ["TripactStore"]),
        .library(name: "TripactWeb", targets: ["TripactWeb"]),
        .library(name: "TripactWord", targets: ["TripactWord"]),
        .executable(name: "tripact", targets: ["tripact"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/swift-server/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client.git", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "TripactCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CTripactZlib", path: "Sources/CTripactZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "TripactStore",
            dependencies: ["TripactCore", "CSQLite"],
            swiftSettings: swiftSettings
        ),
        // The JSON API under /api/v1, generated from the repository's openapi.yaml by the build plugin.
        .target(
            name: "TripactAPI",
            dependencies: [
                "TripactCore",
                "TripactStore",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The client of the same API for the remote CLI, generated from the same openapi.yaml, over AsyncHTTPClient (on
        // the SwiftNIO and NIOSSL that the server already links), not URLSession: FoundationNetworking would load libcurl
        // and some 30 shared libraries at every start of the CLI, whatever the command.
        .target(
            name: "TripactAPIClient",
            dependencies: [
                "TripactCore",
                "TripactStore",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .target(
            name: "TripactWord",
            dependencies: ["TripactCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TripactWeb",
            dependencies: [
                "TripactCore",
                "TripactStore",
                "TripactAPI",
                "TripactWord",
                "CTripactZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tripact",
            dependencies: [
                "TripactCore",
                "TripactStore",
                "TripactWeb",
                "TripactWord",
                "TripactAPIClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tripact-benchmarks",
            dependencies: ["TripactCore", "TripactStore", "TripactWord"],
            path: "Benchmarks/tripact-benchmarks",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TripactTestSupport",
            dependencies: ["TripactCore"],
            path: "Tests/TripactTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TripactCoreTests",
            dependencies: ["TripactCore", "TripactTestSupport"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "store-writer",
            dependencies: ["TripactCore", "TripactStore"],
            path: "Tests/StoreWriter",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TripactStoreTests",
            dependencies: ["TripactCore", "TripactStore", "TripactTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TripactWordTests",
            dependencies: [
                "TripactCore", "TripactWord", "TripactTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TripactWebTests",
            dependencies: [
                "TripactCore", "TripactStore", "TripactWeb", "TripactAPI", "TripactTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "tripactTests",
            dependencies: [
                "TripactCore", "TripactStore", "TripactWeb", "TripactTestSupport", "tripact", "store-writer",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
