import TrustmarkCore

/// Finds URLs and e-mail addresses in a line and classifies what they point at.
enum LinkExtractor {
    static func links(in text: Substring, line: Int) -> [CardLink] {
        var links: [CardLink] = []
        var seen = Set<String>()
        for url in urls(in: text) where seen.insert(url).inserted {
            links.append(CardLink(url: url, text: nil, line: line, kind: classify(url)))
        }
        for email in emails(in: text) where seen.insert(email).inserted {
            links.append(CardLink(url: "mailto:" + email, text: nil, line: line, kind: .email))
        }
        for doi in dois(in: text) where seen.insert(doi).inserted && !seen.contains("https://doi.org/" + doi.dropFirst(4)) {
            links.append(CardLink(url: doi, text: nil, line: line, kind: .doi))
        }
        return links
    }

    /// The links of one line of a BibTeX entry: a `url` or `doi` field, an arXiv `eprint` (the entry says
    /// `archivePrefix={arXiv}` or the id has the arXiv shape) or `journal={arXiv preprint arXiv:2309.10305}`.
    static func citationLinks(in text: Substring, line: Int) -> [CardLink] {
        let lower = text.lowercased().trimmingSpaces()
        func field(_ name: String) -> Substring? {
            guard lower.hasPrefix(name) else { return nil }
            let rest = lower.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=" else { return nil }
            return rest.dropFirst().drop { " \t{\"".contains($0) }.prefix { !"}\",".contains($0) }.trimmingSpaces()[...]
        }
        var found: [CardLink] = []
        if let url = field("url") ?? field("howpublished"), url.hasPrefix("http") || url.utf8Contains("\\url") {
            for link in links(in: text, line: line) {
                found.append(CardLink(url: link.url, text: nil, line: line, kind: link.kind, inCitation: true))
            }
        } else if let doi = field("doi"), doi.hasPrefix("10.") {
            found.append(CardLink(url: "https://doi.org/" + doi, text: nil, line: line, kind: .doi, inCitation: true))
        } else if let id = field("eprint") ?? field("journal").flatMap(arxivID), let arxiv = arxivID(id) {
            found.append(CardLink(url: "https://arxiv.org/abs/" + arxiv, text: nil, line: line, kind: .arxiv, inCitation: true))
        }
        return found
    }

    /// `2501.12948` (with an optional version) from an id or from text such as "arXiv preprint arXiv:2309.10305".
    static func arxivID(_ text: Substring) -> Substring? {
        var rest = text
        if let range = text.utf8Range(of: "arxiv:") { rest = text[range.upperBound...] }
        let id = rest.trimmingSpaces().prefix { $0.isNumber || $0 == "." || $0 == "v" }
        let parts = id.split(separator: ".")
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isNumber), (4...6).contains(parts[1].prefix { $0.isNumber }.count)
        else { return nil }
        return Substring(id)
    }

    static func linkCount(in text: Substring) -> Int {
        text.utf8Contains("http") || text.utf8Contains("@") ? links(in: text, line: 0).count : 0
    }

    /// `http(s)://` runs up to white space or a closing bracket, quote or angle bracket.
    /// One pass over the line's bytes (searching the rest of the line again after each hit copied it through
    /// Foundation each time: quadratic on a line of 100,000 links).
    static func urls(in text: Substring) -> [String] {
        var found: [String] = []
        let bytes = text.utf8
        var index = bytes.startIndex
        while let start = bytes[index...].firstIndex(of: UInt8(ascii: "h")) {
            let candidate = text[start...]
            guard candidate.utf8.starts(with: "http://".utf8) || candidate.utf8.starts(with: "https://".utf8) else {
                index = bytes.index(after: start)
                continue
            }
            let end = candidate.utf8.firstIndex { stops.contains($0) } ?? candidate.endIndex
            var url = String(candidate[..<end])
            while let last = url.last, ".;:!?".contains(last) { url.removeLast() }
            if url.count > 10 { found.append(url) }
            index = end
        }
        return found
    }

    /// Bytes that end a bare URL: white space, closing brackets, quotes, `|` and `,`, and braces (never part of a URL,
    /// RFC 3986 §2; a BibTeX field closes with one: `url = {https://arxiv.org/abs/2403.13784}`).
    static let stops: Set<UInt8> = Set(" \t)]>\"'`|,{}".utf8)

    static func emails(in text: Substring) -> [String] {
        guard text.utf8Contains("@") else { return [] }
        var found: [String] = []
        for token in text.split(whereSeparator: { " \t<>()[],;:\"'`".contains($0) }) where token.utf8Contains("@") && !token.hasPrefix("@") {
            let parts = token.split(separator: "@")
            guard parts.count == 2, let domain = parts.last, domain.utf8Contains("."), !domain.hasSuffix("."),
                parts[0].allSatisfy({ $0.isLetter || $0.isNumber || ".-_+".contains($0) }), !token.utf8Contains("/")
            else { continue }
            found.append(String(token))
        }
        return found
    }

    /// Bare `doi:10.xxxx/...` references.
    static func dois(in text: Substring) -> [String] {
        let lower = text.lowercased()
        guard let range = lower.utf8Range(of: "doi:") else { return [] }
        let rest = lower[range.upperBound...].drop { $0 == " " }
        guard rest.hasPrefix("10.") else { return [] }
        let value = rest.prefix { !" \t)]>\"',".contains($0) }
        return ["doi:" + value]
    }

    static func classify(_ url: String) -> CardLink.Kind {
        let lower = url.lowercased()
        let host = hostAndPath(lower)
        if host.hasPrefix("arxiv.org/") || host.hasPrefix("www.arxiv.org/") { return .arxiv }
        if host.hasPrefix("doi.org/") || host.hasPrefix("dx.doi.org/") { return .doi }
        if host.hasPrefix("github.com/") { return .github }
        if host.hasPrefix("huggingface.co/datasets/") || host.hasPrefix("hf.co/datasets/") { return .hubDataset }
        if host.hasPrefix("huggingface.co/papers/") || host.hasPrefix("hf.co/papers/") { return .hubPaper }
        if host.hasPrefix("huggingface.co/collections/") || host.hasPrefix("hf.co/collections/") { return .hubCollection }
        if host.hasPrefix("huggingface.co/") || host.hasPrefix("hf.co/") {
            let parts = host.split(separator: "/")
            let reserved: Set<Substring> = ["spaces", "docs", "blog", "models", "collections", "settings", "join", "login", "organizations", "learn"]
            if parts.count >= 3, !reserved.contains(parts[1]) { return .hubModel }
        }
        return .other
    }

    static func hostAndPath(_ lowerURL: String) -> Substring {
        if let range = lowerURL.utf8Range(of: "://") { return lowerURL[range.upperBound...] }
        return lowerURL[...]
    }
}
