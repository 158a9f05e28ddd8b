import TrustmarkCore

/// A line-oriented reader for card bodies: headings, code fences, HTML comments, tables, links and
/// template placeholders. It never backtracks, so its time is linear in the input whatever the
/// input is (a full Markdown renderer is not needed to judge a card, and Ink is unsafe on hostile text).
struct MarkdownOutline {
    var sections: [CardSection] = []
    var links: [CardLink] = []
    var tables: [CardTable] = []
    var placeholderLines: [Int] = []

    /// Per-line facts gathered in the first pass.
    private struct LineFacts {
        var heading: (level: Int, title: String)?
        var words = 0
        var specifics = 0
        var isPlaceholder = false
        var opensCodeBlock = false
    }

    static func read(_ document: TextDocument, from firstLine: Int) -> MarkdownOutline {
        var outline = MarkdownOutline()
        let lines = document.lines
        guard firstLine <= lines.count else { return outline }
        var facts: [Int: LineFacts] = [:]
        var fence: Substring?
        var inComment = false
        var tableStart: Int?
        var tableRows = 0
        var tableColumns = 0
        var tableNumbers = 0
        var previousText: Substring = ""
        // Inside a BibTeX entry (`@misc{key,` up to its closing brace), fenced or not.
        var inCitation = false

        func closeTable(at line: Int) {
            if let start = tableStart, tableRows >= 2 {
                outline.tables.append(
                    CardTable(lineStart: start, lineEnd: line - 1, columns: tableColumns, rows: tableRows - 1, numericCells: tableNumbers))
            }
            tableStart = nil
            tableRows = 0
            tableColumns = 0
            tableNumbers = 0
        }

        for number in firstLine...lines.count {
            let raw = lines[number - 1]
            let trimmed = Substring(raw.trimmingSpaces())
            var lineFacts = LineFacts()
            defer {
                facts[number] = lineFacts
                previousText = trimmed
            }
            if MarkdownOutline.opensCitation(trimmed) { inCitation = true }
            if inCitation {
                outline.links.append(contentsOf: LinkExtractor.citationLinks(in: trimmed, line: number))
                if trimmed == "}" || trimmed.hasPrefix(fence ?? "```") || (fence == nil && trimmed.isEmpty) { inCitation = false }
            }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                lineFacts.opensCodeBlock = true
                closeTable(at: number)
                continue
            }
            var text = trimmed
            if inComment {
                guard let end = text.utf8Range(of: "-->") else { continue }
                inComment = false
                text = text[end.upperBound...]
            }
            text = MarkdownOutline.strippingComments(text, inComment: &inComment)
            if MarkdownOutline.isPlaceholder(text) {
                lineFacts.isPlaceholder = true
                outline.placeholderLines.append(number)
            }
            if !inCitation { outline.links.append(contentsOf: LinkExtractor.links(in: text, line: number)) }

            if text.hasPrefix("|") || (tableStart != nil && text.utf8Contains("|")) {
                if tableStart == nil { tableStart = number }
                let cells = text.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                let isSeparator = cells.allSatisfy { $0.allSatisfy { "-: ".contains($0) } }
                if !isSeparator {
                    tableRows += 1
                    tableColumns = max(tableColumns, cells.count)
                    if tableRows > 1 { tableNumbers += cells.filter { $0.contains(where: \.isNumber) }.count }
                }
            } else {
                closeTable(at: number)
            }

            if let heading = MarkdownOutline.heading(text, previous: previousText, nextIsBlank: true) {
                lineFacts.heading = heading
                continue
            }
            // The bold-field template of Meta/FAIR cards: "**Where to send questions…:** text" opens a section of its
            // own (below every other heading) whose content starts on the same line.
            if let field = MarkdownOutline.field(text) {
                lineFacts.heading = (8, field.label)
                if !lineFacts.isPlaceholder { (lineFacts.words, lineFacts.specifics) = MarkdownOutline.count(field.rest) }
                continue
            }
            // A setext underline turns the previous line into a heading.
            if !text.isEmpty, text.allSatisfy({ $0 == "=" }) || (text.count >= 3 && text.allSatisfy({ $0 == "-" })),
                number > firstLine, var previous = facts[number - 1], previous.heading == nil, !previousText.isEmpty,
                !previousText.hasPrefix("-"), !previousText.hasPrefix("|")
            {
                previous.heading = (text.first == "=" ? 1 : 2, String(previousText))
                previous.words = 0
                previous.specifics = 0
                facts[number - 1] = previous
                continue
            }
            guard !lineFacts.isPlaceholder else { continue }
            let (words, specifics) = MarkdownOutline.count(text)
            lineFacts.words = words
            lineFacts.specifics = specifics
        }
        closeTable(at: lines.count + 1)
        outline.sections = buildSections(facts: facts, firstLine: firstLine, lastLine: lines.count, outline: outline)
        return outline
    }

    /// Groups lines under headings. A section runs to the next heading of the same or a higher level.
    private static func buildSections(facts: [Int: LineFacts], firstLine: Int, lastLine: Int, outline: MarkdownOutline) -> [CardSection] {
        let headings = (firstLine...lastLine).compactMap { number in facts[number]?.heading.map { (number, $0.level, $0.title) } }
        // A single top-level heading is the card's title (usually the model's name), not a section.
        let titleLine = headings.filter { $0.1 == 1 }.count == 1 ? headings.first { $0.1 == 1 }?.0 : nil
        var sections: [CardSection] = []
        for (position, heading) in headings.enumerated() {
            let end = headings[(position + 1)...].first { $0.1 <= heading.1 }.map { $0.0 - 1 } ?? lastLine
            var words = 0
            var specifics = 0
            var codeBlocks = 0
            var placeholders: [Int] = []
            // A field's text stands on its own line (other headings count no words there).
            words += facts[heading.0]?.words ?? 0
            specifics += facts[heading.0]?.specifics ?? 0
            if heading.0 < end {
                for number in (heading.0 + 1)...end {
                    guard let line = facts[number] else { continue }
                    words += line.words
                    specifics += line.specifics
                    if line.opensCodeBlock { codeBlocks += 1 }
                    if line.isPlaceholder { placeholders.append(number) }
                }
            }
            let range = heading.0...max(heading.0, end)
            specifics += codeBlocks + outline.tables.filter { range.contains($0.lineStart) }.count
            sections.append(
                CardSection(
                    title: heading.2, level: heading.1, line: heading.0, endLine: end,
                    kinds: heading.0 == titleLine ? [] : SectionClassifier.kinds(forHeading: heading.2),
                    wordCount: words, specificItems: specifics, codeBlocks: codeBlocks, placeholderLines: placeholders))
        }
        return sections
    }

    /// ATX headings (`## Title`), HTML headings (`<h2>Title</h2>`) and bold-only lines
    /// (`**Training data**`), which many cards use as headings; bold ones rank below `######`.
    static func heading(_ text: Substring, previous: Substring, nextIsBlank: Bool) -> (level: Int, title: String)? {
        if text.hasPrefix("#") {
            let hashes = text.prefix { $0 == "#" }.count
            guard hashes <= 6 else { return nil }
            let rest = text.dropFirst(hashes)
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
            var title = Substring(rest.trimmingSpaces())
            while title.hasSuffix("#") { title = title.dropLast() }
            let cleaned = title.trimmingSpaces()
            return cleaned.isEmpty ? nil : (hashes, cleaned)
        }
        if text.prefix(2).lowercased() == "<h", let digit = text.dropFirst(2).first, let level = Int(String(digit)), (1...6).contains(level),
            let open = text.firstIndex(of: ">"), let close = text.utf8Range(of: "</h") ?? text.utf8Range(of: "</H"), open < close.lowerBound
        {
            let title = stripTags(String(text[text.index(after: open)..<close.lowerBound])).trimmingSpaces()
            return title.isEmpty ? nil : (level, title)
        }
        if text.hasPrefix("**"), text.count > 4, text.count < 80 {
            var inner = text.dropFirst(2)
            if inner.hasSuffix(":") { inner = inner.dropLast() }
            if inner.hasSuffix("**:") { inner = inner.dropLast(3) } else if inner.hasSuffix("**") { inner = inner.dropLast(2) } else { return nil }
            if inner.hasSuffix(":") { inner = inner.dropLast() }
            guard !inner.utf8Contains("**"), !inner.isEmpty else { return nil }
            return (7, inner.trimmingSpaces())
        }
        return nil
    }

    /// `@article{key,` and the other BibTeX entry types open a citation entry.
    static func opensCitation(_ text: Substring) -> Bool {
        guard text.hasPrefix("@"), let brace = text.firstIndex(of: "{") else { return false }
        let type = text[text.index(after: text.startIndex)..<brace]
        return (2...16).contains(type.count) && type.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// `**Label:** text` or `**Label**: text` with text after it: the label and the rest of the line.
    static func field(_ text: Substring) -> (label: String, rest: Substring)? {
        guard text.hasPrefix("**"), let close = text.dropFirst(2).utf8Range(of: "**") else { return nil }
        var label = text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound]
        var rest = text[close.upperBound...]
        if label.hasSuffix(":") {
            label = label.dropLast()
        } else if rest.hasPrefix(":") {
            rest = rest.dropFirst()
        } else {
            return nil
        }
        let title = label.trimmingSpaces()
        guard !title.isEmpty, title.count <= 80, !rest.trimmingSpaces().isEmpty else { return nil }
        return (title, rest)
    }

    static func stripTags(_ text: String) -> String {
        var result = ""
        var inTag = false
        for character in text {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { result.append(character) }
        }
        return result
    }

    static func strippingComments(_ text: Substring, inComment: inout Bool) -> Substring {
        guard text.utf8Contains("<!--") else { return text }
        var result = ""
        var rest = text
        while let open = rest.utf8Range(of: "<!--") {
            result += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.utf8Range(of: "-->") else {
                inComment = true
                return Substring(result)
            }
            rest = after[close.upperBound...]
        }
        result += rest
        return Substring(result)
    }

    /// Text the Hugging Face card template leaves in place until someone writes the section.
    static func isPlaceholder(_ text: Substring) -> Bool {
        let lower = text.lowercased()
        if lower.utf8Contains("more information needed") || lower.utf8Contains("needs more information") || lower.utf8Contains("{{") { return true }
        let bare = lower.filter { $0.isLetter || $0.isNumber || $0 == " " }.trimmingSpaces()
        return ["tbd", "todo", "coming soon", "to be added", "n/a", "wip", "optional"].contains(bare) && !bare.isEmpty
    }

    /// Words with letters, and specific items: numbers (not list markers) and links.
    static func count(_ text: Substring) -> (words: Int, specifics: Int) {
        var words = 0
        var specifics = 0
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        if let first = tokens.first, first.hasSuffix("."), first.dropLast().allSatisfy(\.isNumber) { tokens = tokens.dropFirst() }
        for token in tokens {
            // Chinese and Japanese write without spaces: two ideographs count as a word, so a section in Chinese is not
            // a one-word stub.
            let ideographs = token.unicodeScalars.filter { $0.properties.isIdeographic }.count
            if ideographs > 0 {
                words += max(1, ideographs / 2)
            } else if token.contains(where: \.isLetter) {
                words += 1
            }
            if token.contains(where: \.isNumber) { specifics += 1 }
        }
        specifics += LinkExtractor.linkCount(in: text)
        return (words, specifics)
    }
}
