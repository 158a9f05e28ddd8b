/// A value read from a document, with where it was read: the line, and a JSON pointer for
/// structured documents (YAML front matter and JSON configs).
public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var path: String
    public var line: Int
    public var pointer: String?
    /// The source line as written, for evidence snippets.
    public var snippet: String?

    public init(_ value: Value, path: String, line: Int, pointer: String? = nil, snippet: String? = nil) {
        self.value = value
        self.path = path
        self.line = line
        self.pointer = pointer
        self.snippet = snippet
    }

    public var evidence: Evidence { .lines(path, line, snippet: snippet, pointer: pointer) }

    public func map<Other>(_ transform: (Value) -> Other) -> Located<Other> {
        Located<Other>(transform(value), path: path, line: line, pointer: pointer, snippet: snippet)
    }
}
