import Foundation
import HubTestSupport
import ModelFormats
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

/// The library-level halves of the hostile-input classes (issue 11); the command-line halves are in
/// trustmarkTests/HostileInputTests.swift.
@Suite("hardening")
struct HardeningTests {
    @Test func originsAreComparedParsedNeverAsText() throws {
        let endpoint = "http://127.0.0.1:2279"
        #expect(HubClient.isSameOrigin(URL(string: "http://127.0.0.1:2279/api/models/a/b")!, as: endpoint))
        #expect(HubClient.isSameOrigin(URL(string: "HTTP://127.0.0.1:2279/x")!, as: endpoint))
        #expect(!HubClient.isSameOrigin(URL(string: "http://127.0.0.1:22791/api/models/a/b")!, as: endpoint))
        #expect(!HubClient.isSameOrigin(URL(string: "http://127.0.0.1:2279@127.0.0.2:45175/api")!, as: endpoint))
        #expect(!HubClient.isSameOrigin(URL(string: "http://user@127.0.0.1:2279/api")!, as: endpoint))
        #expect(!HubClient.isSameOrigin(URL(string: "https://127.0.0.1:2279/api")!, as: endpoint))
        #expect(HubClient.isSameOrigin(URL(string: "https://huggingface.co:443/api")!, as: "https://huggingface.co"))
        #expect(!HubClient.isSameOrigin(URL(string: "https://huggingface.co.evil.example/api")!, as: "https://huggingface.co"))
        // Redirect targets: http(s) only, userinfo dropped.
        let base = URL(string: endpoint + "/api/models/a/b/revision/main")!
        #expect(HubClient.redirectTarget("file:///etc/passwd", from: base) == nil)
        #expect(HubClient.redirectTarget("http://127.0.0.1:2279@127.0.0.2:1/x", from: base)?.absoluteString == "http://127.0.0.2:1/x")
        #expect(HubClient.redirectTarget("/api/models/c/d", from: base)?.absoluteString == endpoint + "/api/models/c/d")
    }

    @Test func retryWaitsFromAServerAreBounded() {
        let client = HubClient(configuration: HubConfiguration(endpoint: "http://127.0.0.1:1"), sleep: { _ in })
        func wait(_ headers: [String: String]) -> TimeInterval { client.retryWait(HTTPResponse(status: 429, headers: headers, body: []), attempt: 1) }
        #expect(wait(["retry-after": "7"]) == 7)
        for junk in ["inf", "1e308", "nan", "-1", "0x10", "-inf", "1.5", ""] { #expect(wait(["retry-after": junk]) == client.backoff(1), "\(junk)") }
        #expect(wait(["retry-after": String(repeating: "9", count: 400)]) == HubClient.longestWait)
        #expect(wait(["ratelimit": "\"api\";r=0;t=1e308"]) == client.backoff(1))
        #expect(wait(["ratelimit": "\"api\";r=0;t=12"]) == 13)
        let future = wait(["retry-after": "Wed, 21 Oct 2099 07:28:00 GMT"])
        #expect(future == HubClient.longestWait)
        #expect(HubError.rateLimited(url: "u", retryAfter: .infinity).description.contains("rate-limited"))
        #expect(HubError.rateLimited(url: "u", retryAfter: .nan).description.contains("rate-limited"))
    }

    @Test func theRequestBudgetIsSharedAndRunsOut() {
        var configuration = HubConfiguration(endpoint: "http://127.0.0.1:1")
        configuration.retryBudget = 5
        configuration.maxTimeouts = 2
        let budget = RequestBudget(configuration)
        #expect(budget.takeRetryWait(3))
        #expect(!budget.takeRetryWait(3), "more than is left")
        #expect(budget.takeRetryWait(2))
        #expect(!budget.takeRetryWait(.infinity) && !budget.takeRetryWait(.nan) && !budget.takeRetryWait(-1))
        #expect(budget.recordTimeout())
        #expect(!budget.recordTimeout())
        #expect(budget.requestDeadline(10) == .unresponsive(timeouts: 2))
        configuration.ratingDeadline = 0.01
        #expect(RequestBudget(configuration).requestDeadline(10) == .exhausted)
    }

    @Test func remotePathsThatLeaveTheRepositoryAreNeverRequested() {
        for path in [
            "../x", "a/../../b", "/etc/passwd", "./x", "a//b", "a/", "..\\x", "a/\u{0}b", "a/\u{1B}b", "", "..", "a/.",
            String(repeating: "a", count: 5000),
        ] {
            #expect(!RemotePath.isSafe(path), "\(path.prefix(20))")
            #expect(RemotePath.encoded(path) == nil)
        }
        #expect(RemotePath.encoded("onnx/model v2.onnx") == "onnx/model%20v2.onnx")
        #expect(RemotePath.encoded("a/%2e%2e/b") == "a/%252e%252e/b")
        #expect(RemotePath.encoded("模型/权重.bin")?.allSatisfy(\.isASCII) == true)
        let (safe, problems) = RemotePath.screen([HubClient.TreeEntry(path: "README.md", size: 1), HubClient.TreeEntry(path: "../../x", size: 1)])
        #expect(safe.map(\.path) == ["README.md"])
        #expect(problems.count == 1 && problems[0].incompleteListing == true)
    }

    @Test func aFileThatChangesWhileItIsHashedHasNoDigest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-changing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("shard.bin").path
        try Data(count: 10 << 20).write(to: URL(fileURLWithPath: path))
        let file = try BinaryFile(path: path)
        #expect(throws: Never.self) { _ = try FileHasher.sha256(of: file) }
        // Truncated after it was opened, before (or while) it is read: neither version's digest is given.
        truncate(path, 1 << 20)
        #expect(throws: BinaryFileError.self) { _ = try FileHasher.sha256(of: file) }
        let grown = try BinaryFile(path: path)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(count: 4096))
        try handle.close()
        #expect(throws: BinaryFileError.self) { _ = try FileHasher.sha256(of: grown) }
        #expect(grown.hasChanged)
    }

    @Test func unreadableAndSpecialFilesAreCoverageGapsNotSafe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-special-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("---\nlicense: mit\n---\n# x\n".utf8).write(to: folder.appendingPathComponent("README.md"))
        #expect(mkfifo(folder.appendingPathComponent("pytorch_model.bin").path, 0o644) == 0)
        let snapshot = try SnapshotLoader().load(.folder(path: folder.path))
        #expect(snapshot.problems.contains { $0.path == "pytorch_model.bin" && $0.incompleteListing == true && $0.message.contains("FIFO") })
        let a2 = RatingEngine().rate(snapshot).findings.filter { $0.check == .artifactCode }
        #expect(!a2.isEmpty && a2.allSatisfy { $0.outcome == .unknown })
        // A target that is not a regular file is refused, not opened.
        #expect(throws: RepositoryError.self) { try SnapshotLoader().load(.file(path: folder.appendingPathComponent("pytorch_model.bin").path)) }
    }

    @Test func filesAreOpenedByTheirBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = FileName(bytes: Array(folder.path.utf8) + Array("/w".utf8) + [0xFF, 0xC3, 0x28] + Array(".pkl".utf8))
        let descriptor = name.withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        let pickle = Array("cos\nsystem\n(S'x'\ntR.".utf8)
        _ = pickle.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let listing = FolderListing.regularFiles(in: folder.path)
        #expect(listing.map(\.relative) == ["w\\xFF\\xC3(.pkl"])
        #expect(ModelFileScanner.scan(name: listing[0].name, displayPath: listing[0].relative).isUnsafe)
        let walked = try FileWalker(root: folder, allowedRoot: folder, maxFiles: 10).walk()
        #expect(walked.entries.map(\.relativePath) == ["w\\xFF\\xC3(.pkl"])
    }

    @Test func confinedFoldersNeverFollowLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-confined-\(UUID().uuidString)")
        let inside = root.appendingPathComponent("inside"), outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: outside.appendingPathComponent("victim"))
        try FileManager.default.createSymbolicLink(
            at: inside.appendingPathComponent("link"), withDestinationURL: outside.appendingPathComponent("victim"))
        try FileManager.default.createSymbolicLink(at: inside.appendingPathComponent("sub"), withDestinationURL: outside)
        try FileManager.default.linkItem(at: outside.appendingPathComponent("victim"), to: inside.appendingPathComponent("hard"))
        let folder = try ConfinedFolder(inside.path, create: false)
        #expect(throws: ConfinedFolder.Failure.self) { try folder.read("link", limit: 100) }
        #expect(throws: ConfinedFolder.Failure.self) { try folder.write("sub/x", [1]) }
        #expect(throws: ConfinedFolder.Failure.self) { try folder.read("../outside/victim", limit: 100) }
        try folder.write("link", Array("new".utf8))
        try folder.write("hard", Array("new".utf8))
        #expect(try String(contentsOf: outside.appendingPathComponent("victim"), encoding: .utf8) == "precious")
        #expect(try folder.read("hard", limit: 100) == Array("new".utf8))
        #expect(throws: ConfinedFolder.Failure.self) { try folder.read("hard", limit: 2) }
    }
}
