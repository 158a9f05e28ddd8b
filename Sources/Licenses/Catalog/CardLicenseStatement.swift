import TrustmarkCore

extension LicenseCatalog {
    /// A licence the card's text states when its metadata declares none: "The code and weights … are distributed under
    /// the Apache 2.0 license" (issue 13: yi-coder was rated "no licence", grade I). Only a sentence that says the
    /// model or its weights are under a licence counts, and only a licence this catalog knows by name, SPDX id or Hub
    /// tag; the longest name found wins ("Apache License 2.0" over "Apache").
    public func statedInText(_ card: ModelCard) -> (entry: Entry, line: Located<String>)? {
        let triggers = [
            "licensed under", "released under", "distributed under", "available under", "made available under", "is under the",
            "are under the", "under the terms of", "subject to the", "许可证", "许可协议", "开源协议", "遵循",
        ]
        for (number, text) in card.bodyLines.prefix(2_000) {
            let lower = " " + text.lowercased().replacingOccurrences(of: "-", with: " ") + " "
            guard let trigger = triggers.compactMap({ lower.utf8Range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { continue }
            // About the model, its weights or code, and not negated ("is not licensed under").
            let before = lower[..<trigger.lowerBound]
            guard Self.subjects.contains(where: { before.utf8Range(of: $0) != nil }),
                !before.suffix(12).contains(" not "), !before.suffix(12).hasSuffix(" not")
            else { continue }
            // The licence's name follows the trigger closely; a bounded window keeps hostile lines cheap.
            let after = String(lower[trigger.upperBound...].prefix(160))
            var best: (entry: Entry, length: Int)?
            for entry in entries {
                for alias in Self.aliases(entry) where alias.count > (best?.length ?? 0) && Self.containsWord(after, alias) {
                    best = (entry, alias.count)
                }
            }
            if let best {
                let snippet = String(text).trimmingSpaces()
                return (best.entry, Located(best.entry.spdx ?? best.entry.id, path: card.path, line: number, snippet: snippet))
            }
        }
        return nil
    }

    /// Words that make a sentence about this model (a dataset's licence is not the model's).
    static let subjects = ["model", "weight", "checkpoint", "this repo", "模型", "权重"]

    /// The names a card's prose uses for an entry, lower-cased with dashes as spaces: its name, SPDX id and Hub tags
    /// (tags of three letters or fewer only as whole words, so "mit" does not match "submit").
    static func aliases(_ entry: Entry) -> [String] {
        ([entry.name, entry.spdx ?? ""] + entry.hubTags).map { $0.lowercased().replacingOccurrences(of: "-", with: " ") }.filter { $0.count >= 3 }
    }

    static func containsWord(_ text: String, _ word: String) -> Bool {
        var search = text[...]
        while let range = search.utf8Range(of: word) {
            let before = text[..<range.lowerBound].last
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
            if !(before?.isLetter ?? false) && !(before?.isNumber ?? false) && !(after?.isLetter ?? false) && !(after?.isNumber ?? false) {
                return true
            }
            search = text[range.upperBound...]
        }
        return false
    }
}
