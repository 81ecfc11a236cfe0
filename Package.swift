// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Tripact",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TripactCore", targets: ["TripactCore"]),
        .executable(name: "tripact", targets: ["tripact"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "TripactCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tripact",
            dependencies: [
                "TripactCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tripact-benchmarks",
            dependencies: ["TripactCore"],
            path: "Benchmarks/tripact-benchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TripactCoreTests",
            dependencies: ["TripactCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "tripactTests",
            dependencies: ["TripactCore", "tripact"],
            swiftSettings: swiftSettings
        ),
    ]
)
