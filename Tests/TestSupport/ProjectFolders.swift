import Foundation

/// Where a test finds the project's own files and the read-only third-party data beside it.
public enum ProjectFolders {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        return folder
    }()

    /// A bundled example under `Examples/`.
    public static func example(_ name: String) -> URL { root.appendingPathComponent("Examples").appendingPathComponent(name) }

    /// A file under `docs/`.
    public static func docs(_ path: String) -> URL { root.appendingPathComponent("docs").appendingPathComponent(path) }
}

/// `../shared`: third-party files (real model cards, licences, the safety corpus, peers' test vectors) that stay
/// there and are never copied into the project. Tests that need them carry `.enabled(if: SharedData.has(...))`, so
/// a clone without `../shared` reports them as skipped, never as passed.
public enum SharedData {
    public static let root = ProjectFolders.root.deletingLastPathComponent().appendingPathComponent("shared")

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// Whether `relative` (a folder or a file under `../shared`) is present.
    public static func has(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

    /// The path of `relative` under `../shared`, or nil when it is not there.
    public static func path(_ relative: String) -> String? { has(relative) ? url(relative).path : nil }

    /// The bytes of a file under `../shared`, or nil when it is not there.
    public static func bytes(_ relative: String) -> [UInt8]? { (try? Data(contentsOf: url(relative))).map { Array($0) } }

    /// The text of a file under `../shared`, or nil when it is not there.
    public static func text(_ relative: String) -> String? { try? String(contentsOf: url(relative), encoding: .utf8) }

    /// The folders of `../shared/real-repos` (the development set), sorted; empty when it is not there.
    public static let realRepositories: [String] = {
        let root = url("real-repos")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted()
    }()
}

/// A folder under the system's temporary directory, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    public init(prefix: String = "trustmark-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `bytes` at `path` inside the folder, creating folders on the way.
    @discardableResult
    public func write(_ path: String, _ bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    @discardableResult
    public func write(_ path: String, _ text: String) throws -> URL { try write(path, Array(text.utf8)) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
