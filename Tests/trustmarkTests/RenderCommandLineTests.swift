import Foundation
import HubTestSupport
import Testing
import TrustmarkTestSupport

/// `trustmark render` of a stored rating prints exactly what `trustmark rate` printed, in every format, and two
/// processes rating the same files write the same bytes.
@Suite("Stored ratings re-render", .serialized)
struct RenderCommandLineTests {
    static let formats = ["text", "json", "markdown", "html", "sarif", "cyclonedx", "badge"]

    /// Rates `target` in every format and renders the stored JSON in every format; each pair must be equal.
    static func expectRenderMatchesRate(_ target: [String], environment: [String: String] = [:]) throws {
        let folder = try TemporaryFolder(prefix: "trustmark-render")
        let json = try CLI.run(["rate"] + target + ["--format", "json"], environment: environment)
        #expect(json.status == 0 || json.status == 1, "\(json.stderr)")
        let stored = try folder.write("rating.json", json.stdout)
        for format in formats {
            let rated = try CLI.run(["rate"] + target + ["--format", format], environment: environment)
            let rendered = try CLI.run(["render", stored.path, "--format", format])
            #expect(rendered.status == rated.status, "\(format): \(rendered.stderr)")
            #expect(!rated.stdout.isEmpty)
            #expect(rendered.stdout == rated.stdout, "\(target) --format \(format) differs when rendered from the stored rating")
        }
    }

    @Test(arguments: ["open-tiny-lm", "community-chat", "contradicting-card"])
    func examplesRenderAsTheyWereRated(example: String) throws {
        try Self.expectRenderMatchesRate(["Examples/\(example)"])
    }

    @Test func aHubRatingRendersAsItWasRated() throws {
        let routes = FakeHubRoutes()
        routes.repositories["acme/tiny-chat"] = FakeRepository(
            id: "acme/tiny-chat", sha: String(repeating: "ab", count: 20),
            files: [
                .text(
                    "README.md",
                    "---\nlicense: mit\nbase_model: acme/tiny\ndatasets: [acme/data]\n---\n# tiny-chat\n\n## Uses\n\nChat about cats; see https://arxiv.org/abs/2401.00001.\n"
                ),
                .text("config.json", #"{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "num_hidden_layers": 2}"#),
                .data("model.safetensors", HostileInputs.safetensors(tensors: 2), lfs: true),
            ])
        let hub = try FakeHub { routes.reply($0) }
        defer { hub.stop() }
        routes.endpoint = hub.endpoint
        try Self.expectRenderMatchesRate(["acme/tiny-chat"], environment: ["HF_ENDPOINT": hub.endpoint])
        let rated = try CLI.run(["rate", "acme/tiny-chat", "--format", "json"], environment: ["HF_ENDPOINT": hub.endpoint])
        #expect(rated.stdout.contains("\"source\" : \"hub\""))
    }

    /// Determinism across processes, not only within one: two runs of the binary give the same bytes.
    @Test func twoProcessesWriteTheSameBytes() throws {
        for format in ["json", "text", "cyclonedx"] {
            let first = try CLI.run(["rate", "Examples/community-chat", "--format", format])
            let second = try CLI.run(["rate", "Examples/community-chat", "--format", format])
            #expect(!first.stdout.isEmpty && first.stdout == second.stdout, "\(format)")
        }
    }

    @Test func refusesWhatIsNotAStoredRating() throws {
        let folder = try TemporaryFolder(prefix: "trustmark-render")
        let bad = try folder.write("bad.json", #"{"schemaVersion": "1.1"}"#)
        let result = try CLI.run(["render", bad.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a Trustmark rating") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let mof = try CLI.run(["render", bad.path, "--format", "mof"])
        #expect(mof.status == 2 && mof.stderr.contains("needs the model's files"))
        let missing = try CLI.run(["render", folder.url.appendingPathComponent("none.json").path])
        #expect(missing.status == 2)
    }

    @Test func printsTheMethodology() throws {
        let json = try CLI.run(["methodology", "--format", "json"])
        #expect(json.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(root["name"] as? String == "TM-1.2")
        let checks = try #require(root["checks"] as? [[String: Any]])
        #expect(checks.count == 29)
        #expect(checks.allSatisfy { $0["weight"] is Double || $0["weight"] is Int })
        #expect((root["rules"] as? [String: Any])?["gradeThresholds"] != nil)
        let old = try CLI.run(["methodology", "--version", "TM-1.0"])
        #expect(old.status == 0 && old.stdout.contains("frozen"))
        #expect(try CLI.run(["methodology", "--version", "0.9"]).status == 2)
    }
}
