// swift-tools-version:6.1
import PackageDescription

// Library targets follow capabilities (README, Layout). The rating core has no dependencies at all;
// I/O and third-party parsers live in the targets around it.
let package = Package(
    name: "Trustmark",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TrustmarkCore", targets: ["TrustmarkCore"]),
        .library(name: "ModelFormats", targets: ["ModelFormats"]),
        .library(name: "ModelRepository", targets: ["ModelRepository"]),
        .library(name: "Licenses", targets: ["Licenses"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Frameworks", targets: ["Frameworks"]),
        .library(name: "RatingPipeline", targets: ["RatingPipeline"]),
        .executable(name: "trustmark", targets: ["trustmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "TrustmarkCore"),
        .target(name: "ModelFormats", dependencies: ["TrustmarkCore"]),
        .target(
            name: "Licenses",
            dependencies: ["TrustmarkCore", "ModelFormats", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "ModelRepository",
            dependencies: [
                "TrustmarkCore",
                "ModelFormats",
                "Licenses",
                "LibcurlShim",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Reports",
            dependencies: ["TrustmarkCore", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams")]
        ),
        // The HTTP transport: the system's libcurl, loaded with dlopen on the first request (no curl headers needed).
        .target(name: "LibcurlShim", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Openness frameworks (MOF, OSAID, ...) as views over a rating's findings; Yams reads Model Openness Tool files.
        .target(name: "Frameworks", dependencies: ["TrustmarkCore", .product(name: "Yams", package: "Yams")]),
        // The one way a rating is made (target -> snapshot -> rating -> framework labels -> record); the CLI, the
        // observatory and the server only call it.
        .target(name: "RatingPipeline", dependencies: ["TrustmarkCore", "ModelRepository", "Licenses", "Reports", "Frameworks"]),
        .executableTarget(
            name: "trustmark",
            dependencies: [
                "TrustmarkCore",
                "ModelFormats",
                "ModelRepository",
                "Licenses",
                "Reports",
                "Frameworks",
                "RatingPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What tests share: project and ../shared folders (tests needing ../shared are skipped without it), temporary
        // folders that clean up after themselves, and a JSON Schema validator for the published schemas.
        .target(
            name: "TrustmarkTestSupport", dependencies: ["TrustmarkCore", "ModelRepository", "Reports", "RatingPipeline"], path: "Tests/TestSupport"
        ),
        .testTarget(name: "TrustmarkCoreTests", dependencies: ["TrustmarkCore"]),
        .testTarget(name: "ModelFormatsTests", dependencies: ["ModelFormats", "HubTestSupport", "TrustmarkTestSupport"]),
        .testTarget(name: "LicensesTests", dependencies: ["Licenses"]),
        // A real HTTP server on loopback that plays the Hub, for the Hub client's and the CLI's tests.
        .target(
            name: "HubTestSupport", dependencies: [.product(name: "Crypto", package: "swift-crypto")], path: "Tests/HubTestSupport"
        ),
        .testTarget(name: "ModelRepositoryTests", dependencies: ["ModelRepository", "HubTestSupport", "TrustmarkTestSupport"]),
        // The issue-5 measurement: a Hub rating of a 163-shard repository over loopback (docs/benchmarks.md).
        .executableTarget(name: "HubBench", dependencies: ["ModelRepository", "RatingPipeline", "HubTestSupport"], path: "Benchmarks/HubBench"),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "ModelRepository", "ModelFormats", "Licenses", "RatingPipeline", "TrustmarkTestSupport"]),
        .testTarget(name: "FrameworksTests", dependencies: ["Frameworks", "ModelRepository", "RatingPipeline", "TrustmarkTestSupport"]),
        .testTarget(name: "RatingPipelineTests", dependencies: ["RatingPipeline", "Reports", "TrustmarkTestSupport"]),
        .testTarget(name: "trustmarkTests", dependencies: ["trustmark", "HubTestSupport", "TrustmarkTestSupport"]),
    ]
)
