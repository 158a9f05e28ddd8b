/// Where a finding's conclusion comes from. Every finding carries at least one piece of evidence.
///
/// - `file`: a repository file, narrowed by lines (text) or by a byte range (binary headers) and,
///   for JSON and YAML documents, a JSON pointer to the value.
/// - `metadata`: a field of metadata that is not a repository file (for example the Hub API),
///   named by `source` and `pointer`.
/// - `derived`: a rule applied to other findings, named by `rule` and `derivedFrom`.
public struct Evidence: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case file
        case metadata
        case derived
    }

    public var kind: Kind
    public var path: String?
    public var lineStart: Int?
    public var lineEnd: Int?
    public var pointer: String?
    public var snippet: String?
    public var byteStart: UInt64?
    public var byteEnd: UInt64?
    public var source: String?
    public var rule: String?
    public var derivedFrom: [String]?

    public init(
        kind: Kind, path: String? = nil, lineStart: Int? = nil, lineEnd: Int? = nil, pointer: String? = nil,
        snippet: String? = nil, byteStart: UInt64? = nil, byteEnd: UInt64? = nil, source: String? = nil,
        rule: String? = nil, derivedFrom: [String]? = nil
    ) {
        self.kind = kind
        self.path = path
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.pointer = pointer
        self.snippet = snippet.map { Evidence.clip($0) }
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.source = source
        self.rule = rule
        self.derivedFrom = derivedFrom
    }

    /// A line range (or a single line) of a text file.
    public static func lines(_ path: String, _ start: Int, _ end: Int? = nil, snippet: String? = nil, pointer: String? = nil) -> Evidence {
        Evidence(kind: .file, path: path, lineStart: start, lineEnd: end ?? start, pointer: pointer, snippet: snippet)
    }

    /// A whole file, when no narrower location means anything (its presence or absence).
    public static func file(_ path: String, snippet: String? = nil) -> Evidence {
        Evidence(kind: .file, path: path, snippet: snippet)
    }

    /// A byte range of a binary file, such as a weight file's header.
    public static func bytes(_ path: String, _ range: Range<UInt64>, pointer: String? = nil, snippet: String? = nil) -> Evidence {
        Evidence(kind: .file, path: path, pointer: pointer, snippet: snippet, byteStart: range.lowerBound, byteEnd: range.upperBound)
    }

    /// The conclusion follows from other findings by a named rule.
    public static func derived(rule: String, from findingIDs: [String], snippet: String? = nil) -> Evidence {
        Evidence(kind: .derived, snippet: snippet, rule: rule, derivedFrom: findingIDs)
    }

    /// Snippets are for people: one line of bounded length, so a hostile file cannot bloat a report.
    ///
    /// The limit counts Unicode code points, as JSON Schema's `maxLength` does (a count of `Character`s let an emoji line
    /// through at twice the length); the cut falls between characters, so no emoji or accent is split.
    static func clip(_ text: String) -> String {
        let flattened = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        let limit = 200
        guard flattened.unicodeScalars.count > limit else { return flattened }
        var kept = ""
        var scalars = 0
        for character in flattened {
            let count = character.unicodeScalars.count
            guard scalars + count <= limit - 1 else { break }
            kept.append(character)
            scalars += count
        }
        return kept + "…"
    }
}

extension Evidence {
    /// The repository's file listing, for conclusions about what is *not* there; the snippet says what was looked for.
    public static func listing(searched: String) -> Evidence {
        Evidence(kind: .metadata, pointer: "/files", snippet: "searched: \(searched)", source: "file-listing")
    }
}
