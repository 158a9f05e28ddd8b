import Foundation
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// `scan` and `rate` read what runs code on load with one rule set (issue 14: a remote-code `.py` calling
/// `subprocess.run` and chat templates reaching Python made `rate` F-unsafe while `scan` printed "0 unsafe", exit 0).
@Suite("scan and rate agree")
struct ScanRateAgreementTests {
    static let template = "{{ ''.__class__.__mro__[1].__subclasses__() }}"

    static func repository() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let files: [String: String] = [
            "README.md": "---\nlicense: mit\n---\n# m\n",
            "config.json": #"{"architectures": ["X"], "auto_map": {"AutoModel": "modeling_x.X"}}"#,
            // Starts with "i": a protocol-0 pickle opcode to a byte sniffer, Python to everyone else.
            "modeling_x.py": "import torch\n\n\ndef load():\n    subprocess.run([\"curl\", \"http://example.org\"])\n",
            "tokenizer_config.json": "{\"chat_template\": \"\(template)\"}",
            "chat_template.json": "{\"chat_template\": \"\(template)\"}",
            "chat_template.jinja": template + "\n",
        ]
        for (name, text) in files { try folder.write(name, Array(text.utf8)) }
        return folder
    }

    @Test func scanFlagsWhatRateCallsUnsafe() throws {
        let folder = try Self.repository()
        let scan = try CLI.run(["scan", folder.url.path, "--format", "json"])
        #expect(scan.status == 1, "\(scan.stdout)")
        let scanned = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
        let files = try #require(scanned["files"] as? [[String: Any]])
        func rules(_ suffix: String) -> Set<String> {
            let file = files.first { ($0["path"] as? String)?.hasSuffix(suffix) == true }
            return Set(((file?["findings"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
        }
        #expect(rules("modeling_x.py") == ["PY-EXEC"])
        for name in ["tokenizer_config.json", "chat_template.json", "chat_template.jinja"] {
            #expect(rules(name).contains("TPL-EXEC"), "\(name)")
        }
        // The same files are the unsafe ones in the rating.
        let rate = try CLI.run(["rate", folder.url.path, "--format", "json"])
        let rated = try #require(try JSONSerialization.jsonObject(with: Data(rate.stdout.utf8)) as? [String: Any])
        let unsafe = ((rated["findings"] as? [[String: Any]]) ?? []).filter { $0["outcome"] as? String == "UNSAFE" }
        let unsafePaths = Set(unsafe.flatMap { (($0["evidence"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String } })
        #expect(unsafePaths == ["modeling_x.py", "tokenizer_config.json", "chat_template.json", "chat_template.jinja"])
        let scanUnsafe = Set(
            files.filter { ($0["unsafe"] as? Bool) == true }.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
        )
        #expect(scanUnsafe == unsafePaths)
    }

    @Test func plainPythonAndTemplatesAreClean() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "modeling_y.py", Array("import torch\n\n\nclass Y(torch.nn.Module):\n    def forward(self, x):\n        return self.eval()\n".utf8))
        try folder.write("chat_template.jinja", Array("{% for m in messages %}{{ m['content'] }}{% endfor %}\n".utf8))
        let scan = try CLI.run(["scan", folder.url.path])
        #expect(scan.status == 0, "\(scan.stdout)")
        #expect(scan.stdout.contains("0 unsafe"))
    }
}
