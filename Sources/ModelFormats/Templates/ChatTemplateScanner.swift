import TrustmarkCore

/// Finds Jinja constructs in chat templates that reach Python objects when a template is rendered
/// without a sandbox (CVE-2024-34359, CVE-2026-5760), also when they are spelled to evade a plain
/// search: string pieces joined with `~` or `+`, `\x5f` escapes, and reversed strings (`[::-1]`).
public enum ChatTemplateScanner {
    /// Constructs that have no place in a chat template.
    static let executionMarkers: [(pattern: String, why: String)] = [
        ("__class__", "reaches an object's class"), ("__globals__", "reaches a function's globals"), ("__builtins__", "reaches the builtins"),
        ("__subclasses__", "enumerates classes"), ("__mro__", "walks the class hierarchy"), ("__base__", "walks the class hierarchy"),
        ("__init__", "reaches a constructor's globals"), ("__import__", "imports a module"), ("__getattribute__", "reads arbitrary attributes"),
        ("__dict__", "reads an object's namespace"), ("__code__", "reaches bytecode"), ("__self__", "reaches a bound object"),
        ("_templatereference__context", "reaches the template context"), ("|attr", "reads attributes by computed name"),
        ("attr(", "reads attributes by computed name"), ("getattr", "reads attributes by computed name"), ("lipsum", "lipsum's globals lead to os"),
        ("cycler", "cycler's globals lead to os"), ("joiner", "joiner's globals lead to os"), ("os.popen", "runs a shell command"),
        ("popen(", "runs a shell command"), ("subprocess", "starts a process"), ("system(", "runs a shell command"), ("eval(", "evaluates code"),
        ("exec(", "executes code"), ("self._", "reaches the template's internals"), ("request.application", "reaches the web application"),
    ]
    static let statementMarkers = ["import", "include", "extends", "from"]

    /// - Parameters:
    ///   - firstLine: the file line the template starts on (templates stored as JSON strings are one line).
    public static func scan(_ template: String, path: String, firstLine: Int?, origin: String) -> [SafetyFinding] {
        var findings: [SafetyFinding] = []
        let lines = template.lineSlices()
        func report(_ rule: String, _ severity: SafetySeverity, _ message: String, atTemplateLine index: Int) {
            guard findings.count < 20 else { return }
            // A template stored as a JSON string sits on its key's line; a .jinja file has real lines; GGUF has none.
            let line = firstLine.map { lines.count > 1 ? $0 + index : $0 }
            findings.append(
                SafetyFinding(rule: rule, severity: severity, message: "\(origin), template line \(index + 1): \(message)", path: path, line: line))
        }
        for (index, raw) in lines.enumerated() {
            let lower = raw.lowercased()
            let decoded = deobfuscate(lower)
            let reversed = lower.includes("[::-1]") ? reverseLiterals(decoded) : ""
            for (pattern, why) in executionMarkers where decoded.includes(pattern) || reversed.includes(pattern) {
                let hidden = !lower.includes(pattern)
                report("TPL-EXEC", .critical, "`\(pattern)` \(why)\(hidden ? " (obfuscated)" : "")", atTemplateLine: index)
                break
            }
            for statement in statementMarkers where containsStatement(lower, statement) {
                report("TPL-EXEC", .critical, "`{% \(statement) %}` loads other templates or modules", atTemplateLine: index)
            }
            if lower.includes("namespace.__") { report("TPL-EXEC", .critical, "reaches namespace internals", atTemplateLine: index) }
            if lower.includes("http://") || lower.includes("https://") {
                report("TPL-CONTENT", .medium, "a URL inside the template (hidden instructions or exfiltration?)", atTemplateLine: index)
            }
        }
        return findings
    }

    /// `{% import`, `{%- include`, `{%   extends`: the keyword right after a statement tag. One pass over the bytes
    /// (searching a substring again from each `{%` copied the rest of the line each time: quadratic on a 4 MB line).
    static func containsStatement(_ lower: String, _ keyword: String) -> Bool {
        let word = Array(keyword.utf8)
        var bytes = lower.utf8[...]
        while let open = bytes.firstIndex(of: UInt8(ascii: "{")) {
            bytes = bytes[bytes.index(after: open)...]
            guard bytes.first == UInt8(ascii: "%") else { continue }
            let after = bytes.dropFirst().drop {
                $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")
            }
            if after.starts(with: word), let next = after.dropFirst(word.count).first,
                next == UInt8(ascii: " ") || next == UInt8(ascii: "\"") || next == UInt8(ascii: "'")
            {
                return true
            }
        }
        return false
    }

    /// Joins string literals concatenated with `~` or `+`, drops quotes, and decodes `\xNN` and `\uNNNN`.
    static func deobfuscate(_ text: String) -> String {
        var result = ""
        var characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                let kind = characters[index + 1]
                let width = kind == "x" ? 2 : kind == "u" ? 4 : 0
                if width > 0, index + 2 + width <= characters.count,
                    let code = UInt32(String(characters[(index + 2)..<(index + 2 + width)]), radix: 16),
                    let scalar = Unicode.Scalar(code)
                {
                    result.append(Character(scalar).lowercased())
                    index += 2 + width
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        // '__cla' ~ 'ss__' and "__cla" + "ss__" become __class__.
        characters = Array(result)
        var joined = ""
        index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" || character == "\"" {
                var lookahead = index + 1
                while lookahead < characters.count, characters[lookahead] == " " { lookahead += 1 }
                if lookahead < characters.count, characters[lookahead] == "~" || characters[lookahead] == "+" {
                    var next = lookahead + 1
                    while next < characters.count, characters[next] == " " { next += 1 }
                    if next < characters.count, characters[next] == "'" || characters[next] == "\"" {
                        index = next + 1
                        continue
                    }
                }
            }
            joined.append(character)
            index += 1
        }
        return joined
    }

    /// The text with every quoted literal reversed, for templates that build names with `[::-1]`.
    static func reverseLiterals(_ text: String) -> String {
        var result = ""
        var literal: [Character] = []
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open {
                    result += String(literal.reversed())
                    literal = []
                    quote = nil
                } else {
                    literal.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension ChatTemplateScanner {
    /// Chat templates in a config document: `chat_template` as a string, or a list of `{name, template}`.
    public static func scan(configDocument document: TextDocument) -> [SafetyFinding] {
        guard let root = try? JSONParser.parse(document.text), let node = root["chat_template"] else { return [] }
        if let template = node.string {
            return scan(template, path: document.path, firstLine: node.line, origin: "chat_template")
        }
        return (node.elements ?? []).flatMap { entry -> [SafetyFinding] in
            guard let template = entry["template"]?.string else { return [] }
            return scan(template, path: document.path, firstLine: entry["template"]?.line, origin: "chat_template \(entry["name"]?.string ?? "?")")
        }
    }
}
