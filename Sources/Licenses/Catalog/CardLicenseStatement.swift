import TrustmarkCore

extension LicenseCatalog {
    /// A licence the card's text states when its metadata declares none: "The code and weights … are distributed under
    /// the Apache 2.0 license" (issue 13: yi-coder was rated "no licence", grade I). Only a sentence that says the
    /// model or its weights are under a licence counts, and only a licence this catalog knows by name, SPDX id or Hub
    /// tag; the longest name found wins ("Apache License 2.0" over "Apache").
    public func statedInText(_ card: ModelCard) -> (entry: Entry, line: Located<String>)? {
        statementsInText(card).first
    }

    /// Every licence the card's text states for the model, its weights or code, in card order, each once
    /// ("requires adherence to Apache 2.0 and the Community License for Baichuan2 Model" names two). Sentences
    /// about a base model or what the model was built from are the base's licence (L5), not this model's.
    public func statementsInText(_ card: ModelCard) -> [(entry: Entry, line: Located<String>)] {
        statements(in: card.bodyLines.prefix(2_000).map { ($0.number, $0.text) }, path: card.path, aboutTheModel: true)
    }

    /// The licences a short licence file states in prose instead of holding a text ("Subject to the Qwen LICENSE
    /// AGREEMENT, Kimi-Dev-72B is under MIT license."): the file is about the repository, so no subject is needed.
    public func statementsInFile(_ document: TextDocument) -> [(entry: Entry, line: Located<String>)] {
        guard document.text.utf8.count <= 4_000 else { return [] }
        return statements(in: document.lines.enumerated().map { ($0.offset + 1, $0.element) }, path: document.path, aboutTheModel: false)
    }

    func statements(in lines: [(Int, Substring)], path: String, aboutTheModel: Bool) -> [(entry: Entry, line: Located<String>)] {
        let triggers = [
            "licensed under", "released under", "distributed under", "available under", "made available under", "is under the",
            "are under the", "is under", "are under", "under the terms of", "subject to the", "adherence to", "governed by", "许可证", "许可协议", "开源协议",
            "遵循",
        ]
        var found: [(entry: Entry, line: Located<String>)] = []
        for (position, (number, text)) in lines.enumerated() where found.count < 8 {
            // URLs out first: "github.com/deepseek-ai/…/LICENSE" names a repository, not a licence.
            let lower = " " + text.lowercased().blankingURLs().dashesAsSpaces + " "
            guard let trigger = triggers.compactMap({ lower.utf8Range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { continue }
            // About the model, its weights or code, and not negated ("is not licensed under").
            // The subject in the trigger's own sentence ("… Agreement. The dataset is under CC-BY-NC" is about data).
            var before = lower[..<trigger.lowerBound]
            while let stop = before.utf8Range(of: ". ") { before = before[stop.upperBound...] }
            // "The code in this repository is released under …" is the code's licence, not the model's.
            let aboutCode =
                before.utf8Range(of: "code") != nil && !Self.subjects.filter { $0 != "this repo" }.contains { before.utf8Range(of: $0) != nil }
            guard !aboutTheModel || (Self.subjects.contains(where: { before.utf8Range(of: $0) != nil }) && !aboutCode),
                !Self.otherModels.contains(where: { lower.utf8Range(of: $0) != nil }),
                !before.suffix(12).utf8Contains(" not "), !before.suffix(12).hasSuffix(" not")
            else { continue }
            // The licences' names follow the trigger closely; a bounded window keeps hostile lines cheap.
            // A sentence may go on to the next line ("is released under\nthe [Apache 2.0 License](LICENSE)").
            // The window ends with the sentence: "… under Apache 2.0. The dataset is under CC-BY-NC" names one licence.
            var after = Self.sentence(String(lower[trigger.upperBound...].prefix(200)))
            if position + 1 < lines.count, after.count < 200, !after.hasSuffix(".") {
                let next = " " + lines[position + 1].1.lowercased().blankingURLs().dashesAsSpaces
                after = Self.sentence(after + String(next.prefix(200 - after.count)))
            }
            while let (entry, range) = bestName(in: after) {
                if !found.contains(where: { $0.entry.id == entry.id }) {
                    let snippet = String(text).trimmingSpaces()
                    found.append((entry, Located(entry.spdx ?? entry.id, path: path, line: number, snippet: snippet)))
                }
                after.replaceSubrange(range, with: String(repeating: " ", count: after[range].count))
            }
        }
        return found
    }

    /// The longest catalog name in the text, and where it is.
    private func bestName(in text: String) -> (Entry, Range<String.Index>)? {
        var best: (entry: Entry, range: Range<String.Index>)?
        for (entry, aliases) in zip(entries, aliasTable) {
            for alias in aliases where alias.count > (best.map { text[$0.range].count } ?? 0) {
                if let range = Self.wordRange(text, alias) { best = (entry, range) }
            }
        }
        return best.map { ($0.entry, $0.range) }
    }

    /// The text up to its first sentence end (". " or a closing "." ), kept with the period.
    static func sentence(_ text: String) -> String {
        var end = text.endIndex
        if let stop = text.utf8Range(of: ". ") { end = text.index(after: stop.lowerBound) }
        let cut = String(text[..<end])
        return cut.trimmingSpaces().hasSuffix(".") ? cut.trimmingSpaces() : cut
    }

    /// Sentences about another model's licence.
    static let otherModels = ["base model", "derived from", "built with", "built on", "based on", "originally licensed", "fine tuned from"]

    /// Words that make a sentence about this model (a dataset's licence is not the model's).
    static let subjects = ["model", "weight", "checkpoint", "this repo", "模型", "权重"]

    /// The names a card's prose uses for an entry, lower-cased with dashes as spaces: its name, SPDX id and Hub tags
    /// (tags of three letters or fewer only as whole words, so "mit" does not match "submit").
    static func aliases(_ entry: Entry) -> [String] {
        ([entry.name, entry.spdx ?? ""] + entry.hubTags + entry.licenseNames).map { $0.lowercased().dashesAsSpaces }.filter { $0.count >= 3 }
    }

    static func containsWord(_ text: String, _ word: String) -> Bool { wordRange(text, word) != nil }

    static func wordRange(_ text: String, _ word: String) -> Range<String.Index>? {
        var search = text[...]
        while let range = search.utf8Range(of: word) {
            let before = text[..<range.lowerBound].last
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
            if !(before?.isLetter ?? false) && !(before?.isNumber ?? false) && !(after?.isLetter ?? false) && !(after?.isNumber ?? false) {
                return range
            }
            search = text[range.upperBound...]
        }
        return nil
    }
}

extension String {
    /// The text with every "-" read as a space ("cc-by-4.0" as "cc by 4.0"), byte for byte (Foundation's
    /// `replacingOccurrences` costs more than the search it prepares, on every line of a card).
    var dashesAsSpaces: String {
        guard utf8.contains(0x2D) else { return self }
        return String(decoding: utf8.map { $0 == 0x2D ? 0x20 : $0 }, as: UTF8.self)
    }
}
