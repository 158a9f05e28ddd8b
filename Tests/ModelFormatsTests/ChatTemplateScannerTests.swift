import Testing
import TrustmarkCore

@testable import ModelFormats

@Suite("Chat templates")
struct ChatTemplateScannerTests {
    func rules(_ template: String) -> [String] {
        ChatTemplateScanner.scan(template, path: "t.jinja", firstLine: 1, origin: "template").map(\.rule)
    }

    @Test(arguments: [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ x['\\x5f\\x5fclass\\x5f\\x5f'] }}",
        "{{ x['__cla' ~ 'ss__'] }}",
        "{{ x['__ssalc__'[::-1]] }}",
        "{{ ''|attr('a') }}",
        "{%- import 'os' as os -%}",
        "{% include 'other.jinja' %}",
        "{{ lipsum }}",
    ])
    func flagsCodeReachingConstructs(template: String) {
        #expect(rules(template).contains("TPL-EXEC"), "\(template)")
    }

    @Test func marksObfuscationAndKeepsLines() {
        let findings = ChatTemplateScanner.scan(
            "{{ bos_token }}\n{{ x['\\x5f\\x5fglobals\\x5f\\x5f'] }}", path: "chat_template.jinja", firstLine: 1, origin: "template")
        #expect(findings.first?.line == 2)
        #expect(findings.first?.message.contains("obfuscated") == true)
    }

    @Test func realTemplatesAreClean() {
        let templates = [
            "{% for message in messages %}{% if message['role'] == 'system' %}<|system|>{{ message['content'] }}{% endif %}{% endfor %}",
            "{%- set ns = namespace(found=false) -%}{%- for m in messages -%}{%- if m.role == 'user' -%}{{ m.content | trim }}{%- endif -%}{%- endfor -%}{{ raise_exception('x') if false }}",
            "{{ bos_token }}{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' }}{% endfor %}",
        ]
        for template in templates { #expect(rules(template).isEmpty, "\(template)") }
    }

    @Test func urlsAreReportedForReview() {
        #expect(rules("{{ 'Visit https://example.org for help' }}") == ["TPL-CONTENT"])
    }

    @Test func readsTemplatesFromConfigsWithTheKeyLine() {
        let document = TextDocument(
            path: "tokenizer_config.json",
            text: "{\n  \"eos_token\": \"</s>\",\n  \"chat_template\": [{\"name\": \"default\", \"template\": \"{{ x.__class__ }}\"}]\n}")
        let findings = ChatTemplateScanner.scan(configDocument: document)
        #expect(findings.first?.rule == "TPL-EXEC" && findings.first?.line == 3)
    }

    @Test func flagsTemplatesInsideGGUF() {
        var builder = GGUFBuilder.model()
        builder.key("tokenizer.chat_template.tool_use", string: "{{ cycler.__init__.__globals__ }}")
        let url = try? temporaryFile(builder.bytes(), name: "m.gguf")
        let report = ModelFileScanner.scan(path: url!.path)
        #expect(report.findings.contains { $0.rule == "TPL-EXEC" && $0.message.contains("tokenizer.chat_template.tool_use") })
    }
}
