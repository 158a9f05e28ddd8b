// swift-tools-version:6.1
import Foundation
import PackageDescription

// libFuzzer harnesses, one per parser (swift-protobuf's FuzzTesting pattern). Build and run: see README.md here.
// The root package's identity is its folder's name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let harnesses: [(String, String)] = [
    ("FuzzJSON", "TrustmarkCore"), ("FuzzSafetensors", "ModelFormats"), ("FuzzGGUF", "ModelFormats"), ("FuzzPickle", "ModelFormats"),
    ("FuzzScanner", "ModelFormats"), ("FuzzTemplate", "ModelFormats"), ("FuzzCard", "ModelRepository"), ("FuzzLicense", "Licenses"),
    ("FuzzDecompress", "ModelFormats"), ("FuzzONNX", "ModelFormats"), ("FuzzHDF5", "ModelFormats"), ("FuzzKeras", "ModelFormats"),
    ("FuzzHubResponses", "ModelRepository"),
]

let package = Package(
    name: "TrustmarkFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: harnesses.map { name, library in
        .executableTarget(name: name, dependencies: [.product(name: library, package: root)], path: "Sources/\(name)")
    }
)
