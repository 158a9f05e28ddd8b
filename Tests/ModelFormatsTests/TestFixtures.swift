import Foundation

/// `Tests/Fixtures/<folder>/<name>`, found from this file's path.
enum TestFixtures {
    static func path(_ folder: String, _ name: String = "") -> String {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { root.deleteLastPathComponent() }
        return root.appendingPathComponent("Fixtures/\(folder)").appendingPathComponent(name).path
    }

    static func bytes(_ folder: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(folder, name))))
    }
}
