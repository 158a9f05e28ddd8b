import Foundation
import HubTestSupport
import Testing

/// `trustmark rate org/name` against the fake Hub on loopback, as a user would run it (HF_ENDPOINT).
@Suite("trustmark rate from the Hub", .serialized)
struct HubCommandLineTests {
    static let repository = FakeRepository(
        id: "acme/tiny-chat", sha: String(repeating: "5e", count: 20),
        files: [
            .text("README.md", "---\nlicense: apache-2.0\n---\n# tiny-chat\n\nA small chat model.\n\n## Uses\n\nFor tests.\n"),
            .text("config.json", "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\"}"),
        ])

    @Test func ratesSavesEvidenceAndReRatesItByteForByte() throws {
        let routes = FakeHubRoutes()
        routes.repositories[Self.repository.id] = Self.repository
        let hub = try FakeHub { routes.reply($0) }
        routes.endpoint = hub.endpoint
        let evidence = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-cli-evidence-\(UUID().uuidString)").path
        let environment = ["HF_ENDPOINT": hub.endpoint, "HF_HUB_OFFLINE": "0", "HF_TOKEN": "hf_test"]
        let online = try CLI.run(["rate", "acme/tiny-chat", "--format", "json", "--save-evidence", evidence], environment: environment)
        #expect(online.status == 0, "\(online.stderr)")
        #expect(online.stdout.contains("\"source\" : \"hub\""))
        #expect(online.stdout.contains(String(repeating: "5e", count: 20)))
        #expect(hub.requests.contains { $0.headers["authorization"] == "Bearer hf_test" })
        // Hub-only facts are metadata evidence with JSON pointers into the saved model-info response.
        #expect(online.stdout.contains("\"downloads\" : 1234"))
        #expect(online.stdout.contains("model-info.json#"))
        hub.stop()

        // Offline, from the bundle alone: the same JSON, byte for byte.
        let offline = try CLI.run(["rate", "--evidence", evidence, "--format", "json"], environment: ["HF_ENDPOINT": "http://127.0.0.1:9"])
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(offline.stdout == online.stdout)
        // check, badge and attest take the same target options as rate (issue 14: they refused --evidence).
        let policy = evidence + "-policy.yaml"
        try "version: 1\nminimum_grade: D\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "--evidence", evidence, "--policy", policy], environment: ["HF_ENDPOINT": "http://127.0.0.1:9"])
        #expect(check.status == 0 || check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("tiny-chat"))
        let badge = try CLI.run(["badge", "--evidence", evidence], environment: ["HF_ENDPOINT": "http://127.0.0.1:9"])
        #expect(badge.status == 0 && badge.stdout.contains("<svg"), "\(badge.stderr)")
        #expect(try CLI.run(["badge", "acme/tiny-chat", "--evidence", evidence]).status == 2)

        // Offline mode never touches the network: the cache is the only source.
        let cacheOnly = try CLI.run(
            ["rate", "acme/tiny-chat", "--offline"], environment: ["HF_HUB_CACHE": evidence + "/no-cache", "HOME": evidence])
        #expect(cacheOnly.status == 2)
        #expect(cacheOnly.stderr.contains("not in the Hugging Face cache"))
    }

    /// No network: the cached copy is rated, and the report says so; without one, one line with the ways out
    /// (issue 14: 3.5 s of silence and "Could not resolve host", even with the model in the cache).
    @Test func anUnreachableHubFallsBackToTheCacheOrSaysWhatToDo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-fallback-\(UUID().uuidString)")
        let sha = String(repeating: "cd", count: 20)
        let snapshot = root.appendingPathComponent("hub/models--acme--cached/snapshots/\(sha)")
        try FileManager.default.createDirectory(at: snapshot, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("hub/models--acme--cached/refs"), withIntermediateDirectories: true)
        try Data(sha.utf8).write(to: root.appendingPathComponent("hub/models--acme--cached/refs/main"))
        try Data("---\nlicense: mit\n---\n# cached\n\nA cached model.\n".utf8).write(to: snapshot.appendingPathComponent("README.md"))
        // Port 9 on loopback: nothing listens, the connection is refused at once.
        let environment = ["HF_ENDPOINT": "http://127.0.0.1:9", "HF_HUB_CACHE": root.appendingPathComponent("hub").path, "HF_HUB_OFFLINE": "0"]
        let cached = try CLI.run(["rate", "acme/cached"], environment: environment)
        #expect(cached.status == 0, "\(cached.stderr)")
        #expect(cached.stdout.contains("Note: the Hub could not be reached"), "\(cached.stdout)")
        #expect(cached.stdout.contains("rated the copy in the local cache instead"))
        let missing = try CLI.run(["rate", "acme/not-cached"], environment: environment)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--offline") && missing.stderr.contains("HF_ENDPOINT"), "\(missing.stderr)")
    }

    @Test func gatedAndMissingRepositoriesGiveOneClearLine() throws {
        let routes = FakeHubRoutes()
        var gated = Self.repository
        gated.id = "acme/gated"
        gated.gated = true
        routes.repositories[gated.id] = gated
        let hub = try FakeHub { routes.reply($0) }
        defer { hub.stop() }
        routes.endpoint = hub.endpoint
        let result = try CLI.run(["rate", "acme/gated"], environment: ["HF_ENDPOINT": hub.endpoint])
        #expect(result.status == 2)
        #expect(result.stderr.contains("gated repository"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let missing = try CLI.run(["rate", "acme/nothing-here"], environment: ["HF_ENDPOINT": hub.endpoint])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such model repository"))
    }

    @Test func ratesFromModelScopeAndItsCache() throws {
        let routes = FakeModelScopeRoutes()
        routes.repositories[Self.repository.id] = Self.repository
        let server = try FakeHub { routes.reply($0) }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-cli-ms-\(UUID().uuidString)")
        let environment = ["MODELSCOPE_ENDPOINT": server.endpoint, "MODELSCOPE_API_TOKEN": "ms-cli", "HOME": home.path]
        let online = try CLI.run(["rate", "ms://acme/tiny-chat", "--format", "json"], environment: environment)
        #expect(online.status == 0, "\(online.stderr)")
        #expect(online.stdout.contains("\"source\" : \"modelscope\""))
        #expect(online.stdout.contains("\"platform\" : \"modelscope\""))
        #expect(online.stdout.contains(String(repeating: "5e", count: 20)))
        #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer ms-cli" })
        let report = try CLI.run(["rate", "ms://acme/tiny-chat", "--format", "markdown"], environment: environment)
        #expect(report.status == 0 && report.stdout.contains("ModelScope") && report.stdout.contains("1234 downloads (all time)"), "\(report.stdout)")
        let missing = try CLI.run(["rate", "ms://acme/nothing-here"], environment: environment)
        #expect(missing.status == 2 && missing.stderr.contains("no such model on ModelScope"))
        server.stop()

        // Offline: the ModelScope cache, never the network.
        let folder = home.appendingPathComponent(".cache/modelscope/hub/models/acme/tiny-chat")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in Self.repository.files { try Data(file.content(0..<file.size)).write(to: folder.appendingPathComponent(file.path)) }
        try Data("Revision:master,CreatedAt:1740000000".utf8).write(to: folder.appendingPathComponent(".mv"))
        try Data([0x80, 0x04, 0x5d, 0x94, 0x2e]).write(to: folder.appendingPathComponent(".msc"))
        let cached = try CLI.run(["rate", "ms://acme/tiny-chat", "--offline", "--format", "json"], environment: environment)
        #expect(cached.status == 0, "\(cached.stderr)")
        #expect(cached.stdout.contains("\"source\" : \"ms-cache\"") && !cached.stdout.contains(".msc"))
    }
}
