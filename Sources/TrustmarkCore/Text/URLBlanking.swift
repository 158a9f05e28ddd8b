extension StringProtocol {
    /// The text with every `http…` URL replaced by as many spaces (up to white space or a closing bracket or quote),
    /// so that what a sentence says is read without what its links spell: "[MIT License](github.com/deepseek-ai/…)"
    /// names MIT, and an arXiv URL does not call its link a paper. Offsets of the rest of the text are kept.
    public func blankingURLs() -> String {
        var out = ""
        var rest = self[...]
        while let start = rest.utf8Range(of: "http") {
            out += rest[..<start.lowerBound]
            let tail = rest[start.lowerBound...]
            let end = tail.firstIndex { " \t)]>\"'`|".contains($0) } ?? tail.endIndex
            out += String(repeating: " ", count: tail[..<end].count)
            rest = tail[end...]
        }
        return out + rest
    }
}
