import Foundation
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

@Suite("Loading repositories")
struct SnapshotLoaderTests {
    @Test func loadsAFolderWithDigests() throws {
        let repository = try TemporaryRepository(["README.md": "abc", "sub/notes.txt": "x"])
        try repository.write("model.safetensors", llamaSafetensors(layers: 2))
        let snapshot = try repository.snapshot()
        #expect(snapshot.files.map(\.path) == ["README.md", "model.safetensors", "sub/notes.txt"])
        #expect(snapshot.file("README.md")?.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(snapshot.file("model.safetensors")?.kind == .weights)
        #expect(snapshot.subject.digest?.hasPrefix("sha256:") == true)
        #expect(snapshot.subject.source == .folder)
        #expect(snapshot.weights.parameterCount == 16 * 8 * 2 + 2 * 64)
        // The digest changes when any byte changes.
        try repository.write("sub/notes.txt", Array("y".utf8))
        #expect(try repository.snapshot().subject.digest != snapshot.subject.digest)
    }

    @Test func skipsLargeFilesWithNoHashAndSaysTheDigestIsIncomplete() throws {
        let repository = try TemporaryRepository(["README.md": "abc"])
        try repository.write("model.safetensors", llamaSafetensors(layers: 1))
        let snapshot = try repository.snapshot(hash: false)
        #expect(snapshot.file("model.safetensors")?.sha256 == nil)
        #expect(snapshot.file("README.md")?.sha256 != nil)
        #expect(snapshot.subject.digest == nil)
        #expect(snapshot.weights.parameterCount != nil)
    }

    @Test func hashesLikeSha256sumAcrossChunkBoundaries() throws {
        // 9 MiB + 3 bytes crosses the 4 MiB read size twice.
        let repository = try TemporaryRepository()
        let bytes = (0..<(9 * 1024 * 1024 + 3)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try repository.write("blob.dat", bytes)
        let streamed = try FileHasher.sha256(of: .init(path: repository.root.appendingPathComponent("blob.dat").path))
        #expect(streamed == FileHasher.sha256(of: bytes))
    }

    @Test func refusesMissingAndEmptyTargets() throws {
        #expect(throws: RepositoryError.notFound("/nonexistent/trustmark-x")) { try RepositoryTarget.resolve("/nonexistent/trustmark-x") }
        let empty = try TemporaryRepository()
        #expect(throws: RepositoryError.emptyFolder(empty.root.path)) { try SnapshotLoader().load(.folder(path: empty.root.path)) }
    }

    @Test func readsASingleWeightsFile() throws {
        let repository = try TemporaryRepository()
        try repository.write("tiny-1B.safetensors", llamaSafetensors(layers: 3))
        let path = repository.root.appendingPathComponent("tiny-1B.safetensors").path
        let target = try RepositoryTarget.resolve(path)
        #expect(target == .file(path: path))
        let snapshot = try SnapshotLoader().load(target)
        #expect(snapshot.subject.source == .file)
        #expect(snapshot.files.count == 1)
        let rating = RatingEngine().rate(snapshot)
        // The name says 1B; the header says 448 parameters.
        #expect(rating.outcome(.parameterCount) == .contradicted)
    }

    @Test func doesNotFollowLinksOutOfTheRepository() throws {
        let outside = try TemporaryRepository(["secret.txt": "do not read"], name: "outside")
        let repository = try TemporaryRepository(["README.md": "# x"])
        try FileManager.default.createSymbolicLink(
            atPath: repository.root.appendingPathComponent("LICENSE").path,
            withDestinationPath: outside.root.appendingPathComponent("secret.txt").path)
        let snapshot = try repository.snapshot()
        #expect(snapshot.file("LICENSE") == nil)
        #expect(snapshot.problems.contains { $0.path == "LICENSE" && $0.message.contains("outside the repository") })
    }

    @Test func listsEachFolderOnceWhateverTheLinks() throws {
        let repository = try TemporaryRepository(["README.md": "# x", "sub/file.txt": "y"])
        for name in ["a", "b", "sub/c", "sub/d"] {
            let target = repository.root.appendingPathComponent("sub").path
            try FileManager.default.createSymbolicLink(atPath: repository.root.appendingPathComponent(name).path, withDestinationPath: target)
        }
        try FileManager.default.createSymbolicLink(
            atPath: repository.root.appendingPathComponent("sub/up").path, withDestinationPath: repository.root.path)
        let clock = ContinuousClock()
        let started = clock.now
        let snapshot = try repository.snapshot()
        #expect(clock.now - started < .seconds(5))
        #expect(snapshot.files.map(\.path) == ["README.md", "sub/file.txt"])
        #expect(snapshot.problems.filter { $0.message.contains("not followed") }.count == 4)
        #expect(snapshot.problems.contains { $0.path == "sub/up" })
    }

    @Test func saysWhenACardIsTooLargeToParse() throws {
        let repository = try TemporaryRepository(["README.md": String(repeating: "word ", count: 1_000_000)])
        let snapshot = try repository.snapshot()
        #expect(snapshot.card == nil)
        #expect(snapshot.problems.contains { $0.path == "README.md" && $0.message.contains("limit") })
        #expect(RatingEngine().rate(snapshot).findings(.cardParses).first?.message.contains("limit") == true)
    }

    @Test func reportsABinaryReadmeAsAFinding() throws {
        let repository = try TemporaryRepository()
        try repository.write("README.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0xFF])
        let snapshot = try repository.snapshot()
        #expect(snapshot.card == nil)
        #expect(snapshot.problems.contains { $0.path == "README.md" && $0.message.contains("not UTF-8") })
        let rating = RatingEngine().rate(snapshot)
        #expect(rating.findings(.cardParses).first?.message.contains("cannot be read as a model card") == true)
    }

    @Test func readsTheHuggingFaceCacheLayout() throws {
        let cache = try TemporaryRepository(name: "hub")
        let commit = String(repeating: "ab", count: 20)
        let repositoryFolder = "models--acme--tiny-lm"
        let weights = llamaSafetensors(layers: 2)
        let weightsDigest = FileHasher.sha256(of: weights)
        let card = Array("---\nlicense: mit\n---\n# tiny\n".utf8)
        try cache.write("\(repositoryFolder)/blobs/\(weightsDigest)", weights)
        try cache.write("\(repositoryFolder)/blobs/0123456789012345678901234567890123456789", card)
        try cache.write("\(repositoryFolder)/refs/main", Array(commit.utf8))
        let snapshotFolder = cache.root.appendingPathComponent("\(repositoryFolder)/snapshots/\(commit)")
        try FileManager.default.createDirectory(at: snapshotFolder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: snapshotFolder.appendingPathComponent("model.safetensors").path,
            withDestinationPath: "../../blobs/\(weightsDigest)")
        try FileManager.default.createSymbolicLink(
            atPath: snapshotFolder.appendingPathComponent("README.md").path,
            withDestinationPath: "../../blobs/0123456789012345678901234567890123456789")

        let environment = ["HF_HUB_CACHE": cache.root.path]
        let target = try RepositoryTarget.resolve("acme/tiny-lm", environment: environment)
        #expect(target == .huggingFaceCache(repository: "acme/tiny-lm", snapshotPath: snapshotFolder.path, commit: commit))
        #expect(try RepositoryTarget.resolve(cache.root.appendingPathComponent(repositoryFolder).path) == target)
        #expect(try RepositoryTarget.resolve(snapshotFolder.path) == target)

        let snapshot = try SnapshotLoader(options: LoadOptions(hashLargeFiles: false)).load(target)
        #expect(snapshot.subject.name == "acme/tiny-lm")
        #expect(snapshot.subject.revision == commit)
        #expect(snapshot.subject.source == .huggingFaceCache)
        // With --no-hash the LFS blob name stands in for the digest.
        #expect(snapshot.file("model.safetensors")?.sha256 == weightsDigest)
        #expect(snapshot.card?.metadata.license?.value == "mit")

        #expect(throws: RepositoryError.self) { try RepositoryTarget.resolve("acme/tiny-lm@v9", environment: environment) }
        #expect(throws: RepositoryError.notInCache(repository: "acme/other", searched: [cache.root.path])) {
            try RepositoryTarget.resolve("acme/other", environment: environment)
        }
    }

    @Test func flagsACacheBlobWhoseContentDoesNotMatchItsName() throws {
        let cache = try TemporaryRepository(name: "hub")
        let commit = String(repeating: "cd", count: 20)
        let wrongName = String(repeating: "0", count: 64)
        try cache.write("models--a--b/blobs/\(wrongName)", llamaSafetensors(layers: 1))
        let snapshotFolder = cache.root.appendingPathComponent("models--a--b/snapshots/\(commit)")
        try FileManager.default.createDirectory(at: snapshotFolder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: snapshotFolder.appendingPathComponent("model.safetensors").path,
            withDestinationPath: "../../blobs/\(wrongName)")
        let snapshot = try SnapshotLoader().load(.huggingFaceCache(repository: "a/b", snapshotPath: snapshotFolder.path, commit: commit))
        #expect(snapshot.problems.contains { $0.message.contains("does not match its cache blob name") })
    }

    @Test func parsesRepositoryIDs() {
        #expect(RepositoryTarget.repositoryID("Qwen/Qwen3-8B")! == ("Qwen/Qwen3-8B", nil))
        #expect(RepositoryTarget.repositoryID("hf://org/name@v1.0")! == ("org/name", "v1.0"))
        #expect(RepositoryTarget.repositoryID("../etc/passwd") == nil)
        #expect(RepositoryTarget.repositoryID("a/b/c") == nil)
    }
}
