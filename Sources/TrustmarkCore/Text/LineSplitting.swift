extension StringProtocol {
    /// The lines of the text, split at LF and CRLF (the line break is not part of a line; a lone CR is kept as text),
    /// the way editors and the Hub number them: "a\r\nb\n" is ["a", "b", ""].
    ///
    /// Splitting the `Character` view on "\n" does not split CRLF files at all — Swift reads "\r\n" as one
    /// `Character`, which is not "\n" — so a CRLF card became one line (issue 13). This walks the UTF-8 bytes instead.
    public func lineSlices() -> [SubSequence] {
        var lines: [SubSequence] = []
        let bytes = utf8
        var lineStart = bytes.startIndex
        var index = lineStart
        var carriageReturn: String.Index?  // the CR just before this byte, if the previous byte was one
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                lines.append(self[lineStart..<(carriageReturn ?? index)])
                lineStart = bytes.index(after: index)
            }
            carriageReturn = byte == 0x0D ? index : nil
            index = bytes.index(after: index)
        }
        lines.append(self[lineStart..<bytes.endIndex])
        return lines
    }
}
