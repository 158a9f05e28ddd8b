import TrustmarkCore

/// Text files that run code when a model is loaded or used: repository Python (with `trust_remote_code`) and chat
/// templates (`*.jinja`, `chat_template.json`, the `chat_template` of tokenizer and processor configs). `rate` and
/// `scan` read them with these same rules, so the two commands give a file the same findings.
public enum CodeOnLoadText {
    /// Whether a file of this name is one of them (Python by extension; a JSON file only when it holds a template).
    public static func applies(to path: String) -> Bool {
        let name = path.lowercased()
        return name.hasSuffix(".py") || name.hasSuffix(".jinja") || name.hasSuffix(".jinja2") || name.hasSuffix(".json")
    }

    /// The findings of one such file, or nil when it is not one (a JSON file without `chat_template`).
    public static func findings(_ document: TextDocument, python: Bool = true) -> [SafetyFinding]? {
        let name = document.path.lowercased()
        if name.hasSuffix(".py") { return python ? RemoteCodeRules.findings(document) : nil }
        if name.hasSuffix(".jinja") || name.hasSuffix(".jinja2") {
            return ChatTemplateScanner.scan(document.text, path: document.path, firstLine: 1, origin: "template")
        }
        if name.hasSuffix(".json"), document.text.utf8Contains("chat_template") { return ChatTemplateScanner.scan(configDocument: document) }
        return nil
    }
}
