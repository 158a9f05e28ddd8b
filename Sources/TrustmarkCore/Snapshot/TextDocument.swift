/// A text file held in memory, split into lines for evidence (1-based line numbers).
public struct TextDocument: Sendable, Equatable {
    public var path: String
    public var text: String
    public var lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        // LF and CRLF both end a line, so CRLF files have the same lines and line numbers as LF ones.
        self.lines = text.lineSlices()
    }

    /// The text of a 1-based line, or an empty string outside the document.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        return String(lines[number - 1])
    }

    /// Evidence for a line range of this document, with the first line as the snippet.
    public func evidence(lines start: Int, _ end: Int? = nil, pointer: String? = nil) -> Evidence {
        .lines(path, start, end, snippet: line(start).trimmingSpaces(), pointer: pointer)
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    public func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
