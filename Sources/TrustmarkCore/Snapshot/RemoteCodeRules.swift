/// What in a repository's Python files runs commands, evaluates strings or decodes hidden payloads when the model is
/// loaded with `trust_remote_code`. One rule set for `rate` (A3) and `scan` (rule `PY-EXEC`): the two commands must
/// not disagree about a file (issue 14: `scan` said "0 unsafe" where `rate` said UNSAFE).
public enum RemoteCodeRules {
    /// Calls that have no place in modelling code, matched at the start of an identifier.
    public static let dangerousCalls: [(pattern: String, why: String)] = [
        ("os.system(", "runs a shell command"), ("os.popen(", "runs a shell command"), ("subprocess.", "starts a process"),
        ("exec(", "executes a string as code"), ("eval(", "evaluates a string as code"), ("__import__(", "imports a module by name"),
        ("marshal.loads(", "loads serialized bytecode"), ("pickle.loads(", "unpickles bytes"), ("ctypes.", "calls native code"),
        ("socket.", "opens a network socket"), ("urllib.request.urlopen(", "downloads at run time"), ("pty.spawn(", "spawns a shell"),
        ("import subprocess", "imports subprocess"), ("from subprocess import", "imports subprocess"),
    ]

    public struct Hit: Sendable, Equatable {
        public var line: Int
        public var pattern: String
        public var why: String
    }

    /// Every line with a dangerous call (comments after `#` ignored), the first pattern per line.
    public static func dangerousLines(_ document: TextDocument) -> [Hit] {
        var hits: [Hit] = []
        for (index, rawLine) in document.lines.enumerated() {
            let code = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? rawLine
            guard code.utf8Contains("(") || code.utf8Contains(".") else { continue }
            for (pattern, why) in dangerousCalls {
                var searchStart = code.startIndex
                while let range = code[searchStart...].utf8Range(of: pattern) {
                    let before = range.lowerBound > code.startIndex ? code[code.index(before: range.lowerBound)] : " "
                    if !(before.isLetter || before.isNumber || before == "_" || before == ".") {
                        hits.append(Hit(line: index + 1, pattern: pattern, why: why))
                        break
                    }
                    searchStart = range.upperBound
                }
            }
        }
        return hits
    }

    /// The scan findings of one Python file: `PY-EXEC`, critical, one a line (at most 20).
    public static func findings(_ document: TextDocument) -> [SafetyFinding] {
        dangerousLines(document).prefix(20).map { hit in
            SafetyFinding(
                rule: "PY-EXEC", severity: .critical,
                message: "line \(hit.line) \(hit.why) (`\(hit.pattern)`); repository code runs with trust_remote_code",
                path: document.path, line: hit.line)
        }
    }
}
