import Foundation
import HubTestSupport
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

/// ModelScope through the same interface as the Hub: a real HTTP server on loopback plays its `/api/v1`
/// (HubTestSupport.FakeModelScopeRoutes), and its cache layout is written to disk.
@Suite("ModelScope", .serialized)
struct ModelScopeTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")
    static let newest = String(repeating: "2b", count: 20)

    static func example() throws -> FakeRepository {
        FakeRepository(
            id: "acme/open-tiny-lm", sha: String(repeating: "1a", count: 20),
            files: try FakeFile.folder(examples.appendingPathComponent("open-tiny-lm")))
    }

    static func serve(
        _ repositories: [FakeRepository], configure: (FakeModelScopeRoutes) -> Void = { _ in }
    ) throws -> (FakeHub, FakeModelScopeRoutes) {
        let routes = FakeModelScopeRoutes()
        for repository in repositories { routes.repositories[repository.id] = repository }
        configure(routes)
        return (try FakeHub { routes.reply($0) }, routes)
    }

    static func client(_ server: FakeHub, attempts: Int = 3, listingLimit: Int = 3000) -> ModelScopeClient {
        var configuration = HubConfiguration(endpoint: server.endpoint, token: "ms-test", requestTimeout: 5, maxAttempts: attempts)
        configuration.listingLimit = listingLimit
        return ModelScopeClient(configuration: configuration, sleep: { _ in })
    }

    @Test func parsesEveryWayOfNamingAModelScopeRepository() {
        #expect(HubReference.parse("ms://Qwen/Qwen3-8B") == HubReference(repository: "Qwen/Qwen3-8B", revision: "master", platform: .modelScope))
        #expect(
            HubReference.parse("modelscope://Qwen/Qwen3-8B@v1.0.0")
                == HubReference(repository: "Qwen/Qwen3-8B", revision: "v1.0.0", platform: .modelScope))
        #expect(HubReference.parse("https://modelscope.cn/models/Qwen/Qwen3-8B/files")?.platform == .modelScope)
        #expect(HubReference.parse("https://www.modelscope.ai/models/Qwen/Qwen3-8B")?.repository == "Qwen/Qwen3-8B")
        #expect(HubReference.parse("Qwen/Qwen3-8B")?.platform == .huggingFace)
        #expect(HubReference.parse("ms://not-a-repo") == nil)
        let environment = ["MODELSCOPE_DOMAIN": "www.modelscope.ai", "MODELSCOPE_API_TOKEN": "ms-1"]
        #expect(HubConfiguration.modelScopeFromEnvironment(environment).endpoint == "https://www.modelscope.ai")
        #expect(HubConfiguration.modelScopeFromEnvironment(environment).token == "ms-1")
        #expect(HubConfiguration.modelScopeFromEnvironment([:]).endpoint == "https://modelscope.cn")
        #expect(HubFacts.isoDate(1_737_367_194) == "2025-01-20T09:59:54Z" && HubFacts.isoDate(951_782_400) == "2000-02-29T00:00:00Z")
    }

    @Test func ratesARepositoryAsOnDiskAtThePinnedCommit() throws {
        let repository = try Self.example()
        let (server, routes) = try Self.serve([repository]) {
            // The newest commit that touched a file is the head: every read is pinned to it.
            $0.fileCommits["config.json"] = (Self.newest, 1_743_048_119)
            $0.fileCommits["README.md"] = (String(repeating: "0c", count: 20), 1_700_000_000)
        }
        defer { server.stop() }
        _ = routes
        let client = Self.client(server)
        let remote = try HubRepository.fetch(modelScope: HubReference(repository: "acme/open-tiny-lm", platform: .modelScope), client: client)
        #expect(remote.commit == Self.newest && remote.revision == "master" && remote.platform == .modelScope)
        let snapshot = SnapshotLoader().load(remote)
        #expect(snapshot.subject.source == .modelScope && snapshot.subject.revision == Self.newest)
        let downloads = server.requests.filter { $0.path.hasSuffix("/repo") }
        #expect(!downloads.isEmpty && downloads.allSatisfy { $0.query["Revision"] == Self.newest })
        #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer ms-test" })
        // Range reads for weights, not whole downloads.
        #expect(downloads.contains { $0.query["FilePath"]?.hasSuffix(".safetensors") == true && $0.headers["range"] != nil })

        let hub = try #require(snapshot.hub)
        #expect(hub.platform == "modelscope" && hub.downloadsAllTime == 1234 && hub.likes == 56 && hub.isPrivate == false)
        #expect(hub.createdAt == "2025-01-20T09:59:54Z" && hub.pointers["downloadsAllTime"] == "api/model-info.json#/Data/Downloads")

        let rating = RatingEngine().rate(snapshot)
        let local = try SnapshotLoader().load(.folder(path: Self.examples.appendingPathComponent("open-tiny-lm").path))
        let localRating = RatingEngine().rate(local)
        #expect(rating.findings == localRating.findings)
        #expect(rating.score == localRating.score && rating.grade == localRating.grade)
        #expect(snapshot.files.map(\.sha256) == local.files.map(\.sha256))
        #expect(snapshot.subject.digest == local.subject.digest)
    }

    @Test func walksPastTheSilentListingLimitFolderByFolder() throws {
        var files: [FakeFile] = [.text("README.md", "# many files\n"), .text("config.json", "{}")]
        for folder in ["a", "b", "c"] {
            for index in 0..<30 { files.append(.text("\(folder)/notes-\(index).md", "note \(index)\n")) }
        }
        let repository = FakeRepository(id: "acme/many", sha: String(repeating: "3c", count: 20), files: files)
        let (server, _) = try Self.serve([repository]) { $0.listingLimit = 50 }
        defer { server.stop() }
        let listing = try Self.client(server, listingLimit: 50).files(repository: "acme/many", revision: "master")
        #expect(listing.files.count == files.count)
        #expect(Set(listing.files.map(\.path)) == Set(files.map(\.path)))
        #expect(listing.problems.isEmpty)

        // One folder with more direct entries than the server lists: said, not hidden.
        var crowded = repository
        crowded.id = "acme/crowded"
        crowded.files += (0..<60).map { FakeFile.text("d/file-\($0).md", "x") }
        let (second, _) = try Self.serve([crowded]) { $0.listingLimit = 50 }
        defer { second.stop() }
        let remote = try HubRepository.fetch(
            modelScope: HubReference(repository: "acme/crowded", platform: .modelScope), client: Self.client(second, listingLimit: 50))
        #expect(remote.listingProblems.contains { $0.path == "d" })
        let snapshot = SnapshotLoader().load(remote)
        #expect(snapshot.problems.contains { $0.path == "d" && $0.message.contains("may hold more") })
        #expect(RatingEngine().rate(snapshot).coverage < 1)
    }

    @Test func retriesAndGivesClearErrors() throws {
        let repository = try Self.example()
        var hidden = repository
        hidden.id = "acme/private"
        let (server, routes) = try Self.serve([repository, hidden]) {
            $0.tags["acme/open-tiny-lm"] = ["v1.0"]
            $0.privateRepositories = ["acme/private"]
            $0.rateLimitedRequests = 2
        }
        defer { server.stop() }
        let tagged = try HubRepository.fetch(
            modelScope: HubReference(repository: "acme/open-tiny-lm", revision: "v1.0", platform: .modelScope), client: Self.client(server))
        #expect(tagged.revision == "v1.0" && tagged.commit == repository.sha)

        func message(_ reference: HubReference) -> String {
            do {
                _ = try HubRepository.fetch(modelScope: reference, client: Self.client(server))
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(message(HubReference(repository: "acme/missing", platform: .modelScope)).contains("no such model on ModelScope"))
        #expect(message(HubReference(repository: "acme/private", platform: .modelScope)).contains("MODELSCOPE_API_TOKEN"))
        #expect(
            message(HubReference(repository: "acme/open-tiny-lm", revision: "v9", platform: .modelScope))
                .contains("revision v9 does not exist (branches and tags: master, v1.0)"))
        // A mirror without the revisions call: the model info answers for the revision, and names it.
        routes.revisionsUnavailable = true
        #expect(message(HubReference(repository: "acme/open-tiny-lm", revision: "v9", platform: .modelScope)).contains("the revision does not exist"))
        #expect(
            try HubRepository.fetch(modelScope: HubReference(repository: "acme/open-tiny-lm", platform: .modelScope), client: Self.client(server))
                .commit
                == repository.sha)
        routes.rateLimitedRequests = 100
        #expect(throws: HubError.self) {
            try HubRepository.fetch(
                modelScope: HubReference(repository: "acme/open-tiny-lm", platform: .modelScope), client: Self.client(server, attempts: 2))
        }
        let offline = ModelScopeClient(configuration: HubConfiguration(endpoint: server.endpoint, offline: true))
        #expect(throws: HubError.offline(repository: "acme/open-tiny-lm")) {
            try HubRepository.fetch(modelScope: HubReference(repository: "acme/open-tiny-lm", platform: .modelScope), client: offline)
        }
    }

    @Test func evidenceBundlesKeepThePlatform() throws {
        let (server, _) = try Self.serve([try Self.example()])
        let remote = try HubRepository.fetch(
            modelScope: HubReference(repository: "acme/open-tiny-lm", platform: .modelScope), client: Self.client(server))
        let online = SnapshotLoader().load(remote)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-ms-evidence-\(UUID().uuidString)")
        try remote.saveEvidence(to: folder)
        server.stop()
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("api/revisions.json").path))
        let offline = SnapshotLoader().load(HubRepository.fromBundle(try EvidenceBundle.read(from: folder)))
        #expect(offline.subject == online.subject && offline.files == online.files && offline.hub == online.hub)
        #expect(RatingEngine().rate(offline).findings == RatingEngine().rate(online).findings)
    }

    /// `$MODELSCOPE_CACHE/hub/models/owner/name` with `.` written `___`, and the client's pickled index files.
    static func writeCache(_ repository: FakeRepository, name: String) throws -> (root: URL, folder: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-mscache-\(UUID().uuidString)")
        let owner = String(repository.id.split(separator: "/")[0])
        let folder = root.appendingPathComponent("hub/models/\(owner)/\(name.replacingOccurrences(of: ".", with: "___"))")
        for file in repository.files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.content(0..<file.size)).write(to: url)
        }
        // `.msc` is a pickle; this one would call os.system if it were ever unpickled. It must not even be rated.
        try Data([0x80, 0x02] + Array("cos\nsystem\nq\u{0}X\u{5}\u{0}\u{0}\u{0}touchq\u{1}\u{85}q\u{2}Rq\u{3}.".utf8)).write(
            to: folder.appendingPathComponent(".msc"))
        try Data([0x80, 0x04, 0x7d, 0x94, 0x2e]).write(to: folder.appendingPathComponent(".mdl"))
        try Data("Revision:v1.0,CreatedAt:1740000000".utf8).write(to: folder.appendingPathComponent(".mv"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("._____temp/x"), withIntermediateDirectories: true)
        try Data("partial".utf8).write(to: folder.appendingPathComponent("._____temp/x/part_0_9"))
        return (root, folder)
    }

    @Test func ratesFromTheModelScopeCacheOffline() throws {
        var repository = try Self.example()
        repository.id = "acme/tiny-lm-0.5B"
        let (root, folder) = try Self.writeCache(repository, name: "tiny-lm-0.5B")
        let environment = ["MODELSCOPE_CACHE": root.path, "HOME": root.path]
        let target = try ModelScopeCache.resolve("acme/tiny-lm-0.5B", revision: nil, environment: environment)
        #expect(target == .modelScopeCache(repository: "acme/tiny-lm-0.5B", path: folder.path, revision: "v1.0"))
        // The folder itself is recognised too.
        #expect(try RepositoryTarget.resolve(folder.path) == target)
        #expect(throws: RepositoryError.self) { try ModelScopeCache.resolve("acme/tiny-lm-0.5B", revision: "v2", environment: environment) }
        #expect(throws: RepositoryError.self) { try ModelScopeCache.resolve("acme/absent", revision: nil, environment: environment) }

        let snapshot = try SnapshotLoader().load(target)
        #expect(snapshot.subject == Subject(name: "acme/tiny-lm-0.5B", revision: "v1.0", digest: snapshot.subject.digest, source: .modelScopeCache))
        #expect(!snapshot.files.contains { $0.path.hasPrefix(".m") || $0.path.hasPrefix("._____temp") })
        #expect(snapshot.files.count == repository.files.count)
        let local = try SnapshotLoader().load(.folder(path: Self.examples.appendingPathComponent("open-tiny-lm").path))
        #expect(snapshot.subject.digest == local.subject.digest)
        #expect(RatingEngine().rate(snapshot).findings == RatingEngine().rate(local).findings)
    }
}
