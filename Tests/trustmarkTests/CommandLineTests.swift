import Foundation
import Testing
import TrustmarkCore

/// Runs the built `trustmark` binary, as a user would.
struct CLI {
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("trustmark")
    }

    static var repositoryRoot: URL {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        return folder
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("trustmark command line", .serialized)
struct CommandLineTests {
    @Test func ratesABundledExample() throws {
        let result = try CLI.run(["rate", "Examples/open-tiny-lm"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Grade  A"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func writesJSONThatParses() throws {
        let result = try CLI.run(["rate", "Examples/contradicting-card", "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["label"] as? String == "C⚠")
        let again = try CLI.run(["rate", "Examples/contradicting-card", "--format", "json"])
        #expect(again.stdout == result.stdout)
    }

    @Test func exitsTwoWithAReasonForAMissingPath() throws {
        let result = try CLI.run(["rate", "Examples/no-such-model"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-model"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func exitsTwoForBadUsage() throws {
        #expect(try CLI.run(["rate"]).status == 2)
        #expect(try CLI.run(["rate", "Examples/open-tiny-lm", "--format", "pdf"]).status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
    }

    @Test func exitsOneWhenAGateFailsOnUnsafeContent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "---\nlicense: mit\n---\n# x\n".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try "import subprocess\nsubprocess.run(['sh', '-c', 'id'])\n".write(
            to: folder.appendingPathComponent("modeling_x.py"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["rate", folder.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("F-unsafe"))
        #expect(result.stderr.contains("unsafe"))
    }

    @Test func identifiesLicensesAndAnswersUnknownForJunkQuickly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-lic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let junk = folder.appendingPathComponent("LICENSE.bin")
        let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
        try random.readData(ofLength: 50 * 1024 * 1024).write(to: junk)
        let started = Date()
        let result = try CLI.run(["license", junk.path, "Examples/community-chat/LICENSE", "--format", "json"])
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let results = try #require(object?["results"] as? [[String: Any]])
        #expect(results.first?["verdict"] as? String == "unknown")
        #expect(results.last?["verdict"] as? String == "exact" && results.last?["license"] as? String == "llama3.1")
        let text = try CLI.run(["license", "Examples/open-tiny-lm"])
        #expect(text.stdout.contains("exact: Apache License 2.0"))
        #expect(try CLI.run(["license", "nope/none"]).status == 2)
    }

    @Test func scanExitsOneOnUnsafeFilesAndWritesSARIF() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // An inert pickle that names os.system (never loaded), under an innocent name.
        let payload: [UInt8] = Array("cos\nsystem\n(S'true'\ntR.".utf8)
        try Data(payload).write(to: folder.appendingPathComponent("weights.bin"))
        try Data(Array("cbuiltins\nset\n)R.".utf8)).write(to: folder.appendingPathComponent("ok.pkl"))
        let result = try CLI.run(["scan", folder.path, "--format", "sarif"])
        #expect(result.status == 1)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.contains { $0["ruleId"] as? String == "PKL-DENY" && $0["level"] as? String == "error" })
        let clean = try CLI.run(["scan", folder.appendingPathComponent("ok.pkl").path])
        #expect(clean.status == 0)
        #expect(try CLI.run(["scan", "/nonexistent/x"]).status == 2)
        let inspect = try CLI.run(["inspect", "Examples/open-tiny-lm/model-00001-of-00002.safetensors"])
        #expect(inspect.stdout.contains("format: safetensors") && inspect.stdout.contains("tensors: 10"))
    }

    @Test func printsHelpAndVersionWithStatusZero() throws {
        let help = try CLI.run(["rate", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--no-hash"))
        #expect(try CLI.run(["--version"]).stdout.contains(ToolIdentity.version))
    }
}

@Suite("trustmark check, attest, verify", .serialized)
struct GateCommandLineTests {
    static func temporary(_ name: String) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-gate-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }

    @Test func policyGateExitsZeroOneOrTwo() throws {
        let policy = Self.temporary("policy.yaml")
        try "version: 1\nminimum_grade: B\nno_unsafe: true\nlicense:\n  allowed_grades: [A, B]\nmof:\n  minimum_class: III\n".write(
            to: policy, atomically: true, encoding: .utf8)
        let pass = try CLI.run(["check", "Examples/open-tiny-lm", "--policy", policy.path])
        #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
        let fail = try CLI.run(["check", "Examples/community-chat", "--policy", policy.path])
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("license.allowed_grades") && fail.stdout.contains("L3#1"))
        // The same verdict for CI systems to read.
        let json = try CLI.run(["check", "Examples/community-chat", "--policy", policy.path, "--format", "json"])
        #expect(json.status == 1)
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(verdict["passes"] as? Bool == false && verdict["commercialUse"] as? String == "capped")
        let rules = ((verdict["violations"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
        #expect(rules.contains("license.allowed_grades"))
        // A policy without its version is refused.
        try "minimum_grade: B\n".write(to: policy, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["check", "Examples/open-tiny-lm", "--policy", policy.path]).status == 2)
        // A tampered policy: refused with its line, exit 2.
        try "version: 1\nminimum_grade: B\nno_unsafe: true\nlicense:\n  allowed_grades: [A, B]\nmof:\n  minimum_class: IV\n".write(
            to: policy, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", "Examples/open-tiny-lm", "--policy", policy.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("line 7"))
    }

    @Test func attestationsRoundTripAndCatchChangedFiles() throws {
        let prefix = Self.temporary("key").path
        #expect(try CLI.run(["keygen", "--out", prefix]).status == 0)
        let model = Self.temporary("model")
        try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent("Examples/contradicting-card"), to: model)
        let envelope = Self.temporary("rating.intoto.json").path
        let attest = try CLI.run(["attest", model.path, "--key", prefix + ".key", "--output", envelope])
        #expect(attest.status == 0, "\(attest.stderr)")
        let verify = try CLI.run(["verify", envelope, "--key", prefix + ".pub", "--target", model.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("every file matches"))
        // What was attested, not only that it was signed (issue 14: an F-unsafe rating said only "signature: valid").
        #expect(verify.stdout.contains("rating: C⚠ (score 77.5) under TM-1.2; gates: contradicted"), "\(verify.stdout)")
        // Change one byte of one rated file: verification fails and names the file.
        let config = model.appendingPathComponent("config.json")
        var bytes = Array(try Data(contentsOf: config))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: config)
        let changed = try CLI.run(["verify", envelope, "--key", prefix + ".pub", "--target", model.path])
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("config.json"))
        // Another key's public half does not verify it.
        let other = Self.temporary("other").path
        _ = try CLI.run(["keygen", "--out", other])
        #expect(try CLI.run(["verify", envelope, "--key", other + ".pub"]).status == 1)
    }
}
