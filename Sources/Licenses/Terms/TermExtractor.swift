import Foundation
import TrustmarkCore

/// Reads license clauses from the text itself, with their lines: user and revenue thresholds (numbers
/// normalised, "100 million" = 100000000), non-commercial and research-only clauses, display and naming
/// duties, acceptable-use policies by reference, field-of-use and output-training bans, territory
/// exclusions, governing law and unilateral-change clauses. Sentences may span lines; the text is
/// searched as one lower-cased run of words with a line for every word.
public enum TermExtractor {
    public static func terms(in document: TextDocument) -> [LicenseTerm] {
        let text = FlatText(document)
        var terms: [LicenseTerm] = []
        terms += thresholds(text)
        terms += phrases(text, .nonCommercial, ["non-commercial", "noncommercial", "non commercial", "not for commercial"])
        terms += negatedCommercial(text)
        terms += phrases(text, .researchOnly, ["research purposes only", "solely for research", "for non-production", "non-production use",
                                               "evaluation purposes only", "research and evaluation only", "only for research"])
        terms += quotedAfter(text, .attribution, anchors: ["prominently display", "display \"", "state \"", "include \"built with"])
        terms += quotedBefore(text, .namePrefix, anchors: ["at the beginning of any such ai model name", "at the beginning of the name"])
        terms += policies(text)
        terms += keywords(text, .fieldOfUseBan, ["military", "warfare", "nuclear", "weapons", "espionage"])
        terms += phrases(text, .outputTrainingBan, ["improve any other large language model", "improve any other ai model",
                                                    "improve any other foundational", "improve any foundational", "train any other",
                                                    "improve any other large model"])
        terms += keywords(text, .territoryExclusion, ["european union", "domiciled in", "united kingdom", "south korea"])
        terms += governingLaw(text)
        terms += phrases(text, .unilateralChange, ["restrict (remotely or otherwise)", "restrict, remotely or otherwise", "may update this",
                                                   "reserves the right to modify", "may modify this agreement", "updated from time to time"])
        var seen = Set<String>()
        return terms.filter { seen.insert("\($0.kind.rawValue)|\($0.value ?? "")|\($0.metric ?? "")").inserted }
            .sorted { ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue) }
    }

    /// "more than 700 million monthly active users", "100,000,000 MAU", "US$20 million in monthly revenue".
    static func thresholds(_ text: FlatText) -> [LicenseTerm] {
        var terms: [LicenseTerm] = []
        for (phrase, metric) in [("monthly active users", "MAU"), ("monthly active user", "MAU"), ("daily active users", "DAU"), (" mau", "MAU")] {
            for offset in text.occurrences(of: phrase) {
                let words = text.wordIndex(atOffset: offset)
                guard let (value, at) = nearestNumber(text, before: words, within: 10) else { continue }
                terms.append(text.term(.threshold, value: value, metric: metric, word: at))
            }
        }
        for offset in text.occurrences(of: "revenue") {
            let word = text.wordIndex(atOffset: offset)
            let window = text.words[max(0, word - 16)..<min(text.words.count, word + 6)].map(\.text).joined(separator: " ")
            guard window.contains("$") || window.contains("usd") || window.contains("dollar") else { continue }
            guard let (value, at) = nearestNumber(text, before: word, within: 16) ?? nearestNumber(text, after: word, within: 6) else { continue }
            let metric = window.contains("month") ? "monthly_revenue_usd" : (window.contains("annual") || window.contains("year")) ? "annual_revenue_usd" : "revenue_usd"
            terms.append(text.term(.threshold, value: value, metric: metric, word: at))
        }
        return terms
    }

    static func nearestNumber(_ text: FlatText, before word: Int, within distance: Int) -> (String, Int)? {
        var index = word - 1
        while index >= max(0, word - distance) {
            if let value = number(text, at: index) { return (value, index) }
            index -= 1
        }
        return nil
    }

    static func nearestNumber(_ text: FlatText, after word: Int, within distance: Int) -> (String, Int)? {
        for index in (word + 1)..<min(text.words.count, word + 1 + distance) {
            if let value = number(text, at: index) { return (value, index) }
        }
        return nil
    }

    /// A number at a word ("700", "100,000,000", "$1.5", "us$20"), scaled by a following "million" etc.
    static func number(_ text: FlatText, at index: Int) -> String? {
        var word = text.words[index].text[...]
        while let first = word.first, !first.isNumber { word = word.dropFirst() }
        while let last = word.last, !last.isNumber { word = word.dropLast() }
        guard !word.isEmpty, word.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) else { return nil }
        // Section numbers such as "4.2" or "1." are not amounts.
        let digits = word.replacingOccurrences(of: ",", with: "")
        guard let value = Double(digits) else { return nil }
        var scale = 1.0
        if index + 1 < text.words.count {
            switch text.words[index + 1].text.trimmingCharacters(in: .punctuationCharacters) {
            case "thousand": scale = 1e3
            case "million", "m": scale = 1e6
            case "billion", "bn": scale = 1e9
            default: break
            }
        }
        let total = value * scale
        guard total >= 1000 || scale > 1 else { return nil }
        return String(Int64(total.rounded()))
    }

    static func phrases(_ text: FlatText, _ kind: LicenseTerm.Kind, _ phrases: [String]) -> [LicenseTerm] {
        phrases.flatMap { phrase in
            text.occurrences(of: phrase).prefix(1).map { text.term(kind, value: phrase, metric: nil, word: text.wordIndex(atOffset: $0)) }
        }
    }

    static func keywords(_ text: FlatText, _ kind: LicenseTerm.Kind, _ keywords: [String]) -> [LicenseTerm] {
        keywords.compactMap { keyword in
            text.occurrences(of: keyword, wholeWord: true).first.map { text.term(kind, value: keyword, metric: nil, word: text.wordIndex(atOffset: $0)) }
        }
    }

    /// "You may not use the Materials for commercial purposes": a negation shortly before "commercial purposes/use".
    static func negatedCommercial(_ text: FlatText) -> [LicenseTerm] {
        for phrase in ["commercial purposes", "commercial purpose", "commercial use", "commercially"] {
            for offset in text.occurrences(of: phrase, wholeWord: true) {
                let start = text.flat.index(text.flat.startIndex, offsetBy: max(0, offset - 48))
                let end = text.flat.index(text.flat.startIndex, offsetBy: offset)
                let before = text.flat[start..<end]
                if [" not ", " no ", "n't ", " never ", "prohibited", "forbidden"].contains(where: before.contains),
                   !before.contains("not limited"), !before.contains("including") {
                    return [text.term(.nonCommercial, value: "not for \(phrase)", metric: nil, word: text.wordIndex(atOffset: offset))]
                }
            }
        }
        return []
    }

    static func quotedAfter(_ text: FlatText, _ kind: LicenseTerm.Kind, anchors: [String]) -> [LicenseTerm] {
        var terms: [LicenseTerm] = []
        for anchor in anchors {
            for offset in text.occurrences(of: anchor) {
                if let (phrase, at) = text.quoted(after: offset, within: 60) {
                    terms.append(text.term(kind, value: phrase, metric: nil, word: text.wordIndex(atOffset: at)))
                }
            }
        }
        for marker in ["built with ", "powered by ", "improved using ", "built on "] {
            for offset in text.occurrences(of: "\"" + marker) {
                if let (phrase, at) = text.quoted(after: offset, within: 2) {
                    terms.append(text.term(kind, value: phrase, metric: nil, word: text.wordIndex(atOffset: at)))
                }
            }
        }
        return terms
    }

    static func quotedBefore(_ text: FlatText, _ kind: LicenseTerm.Kind, anchors: [String]) -> [LicenseTerm] {
        anchors.flatMap { anchor in
            text.occurrences(of: anchor).compactMap { offset in
                text.quoted(before: offset, within: 40).map { text.term(kind, value: $0.0, metric: nil, word: text.wordIndex(atOffset: $0.1)) }
            }
        }
    }

    /// An acceptable-use policy made part of the license, with its URL where the text gives one.
    static func policies(_ text: FlatText) -> [LicenseTerm] {
        var terms: [LicenseTerm] = []
        for phrase in ["acceptable use policy", "prohibited use policy", "use policy", "usage policy"] {
            for offset in text.occurrences(of: phrase) {
                let url = text.url(near: offset, within: 300)
                terms.append(text.term(.acceptableUsePolicy, value: url, metric: nil, word: text.wordIndex(atOffset: offset)))
            }
            if !terms.isEmpty { break }
        }
        return terms
    }

    static func governingLaw(_ text: FlatText) -> [LicenseTerm] {
        let anchors = ["governed by and construed in accordance with the laws of", "governed and construed under the laws of",
                       "governed by, and construed in accordance with, the laws of", "governed by the laws of",
                       "construed in accordance with the laws of", "governed by and construed under the laws of", "subject to the laws of"]
        for anchor in anchors {
            guard let offset = text.occurrences(of: anchor).first else { continue }
            let source = text.original.count == text.flat.count ? text.original : text.flat
            let start = source.index(source.startIndex, offsetBy: offset + anchor.count)
            let rest = source[start...].drop { $0 == " " }
            let clause = rest.prefix { !",.;(".contains($0) }.split(separator: " ").prefix(8)
            let stop = clause.firstIndex { ["without", "and", "excluding", "regardless"].contains($0.lowercased()) } ?? clause.endIndex
            let place = clause[..<stop].joined(separator: " ")
            return [text.term(.governingLaw, value: place.isEmpty ? nil : place, metric: nil, word: text.wordIndex(atOffset: offset))]
        }
        return []
    }
}

/// A document as one lower-cased string of words (quotes unified), with the line of every word.
struct FlatText {
    struct Word {
        var text: String
        var offset: Int
        var line: Int
    }

    let document: TextDocument
    var flat = ""
    /// The same words in their original case, at the same offsets, for phrases shown to people.
    var original = ""
    var words: [Word] = []

    init(_ document: TextDocument) {
        self.document = document
        var offset = 0
        for (index, line) in document.lines.enumerated() {
            for raw in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let word = FlatText.unifyQuotes(raw.lowercased())
                let cased = FlatText.unifyQuotes(String(raw))
                if !flat.isEmpty {
                    flat.append(" ")
                    original.append(" ")
                    offset += 1
                }
                words.append(Word(text: word, offset: offset, line: index + 1))
                flat.append(word)
                original.append(cased.count == word.count ? cased : word)
                offset += word.count
            }
        }
    }

    static func unifyQuotes(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "“", "”", "„", "«", "»", "‘", "’": result.append(character == "‘" || character == "’" ? "'" : "\"")
            default: result.append(character)
            }
        }
        return result.replacingOccurrences(of: "**", with: "")
    }

    /// Character offsets (in `flat`) where `phrase` starts.
    func occurrences(of phrase: String, wholeWord: Bool = false) -> [Int] {
        var result: [Int] = []
        var searchStart = flat.startIndex
        while let range = flat.range(of: phrase, range: searchStart..<flat.endIndex) {
            let ok = !wholeWord || ((range.lowerBound == flat.startIndex || !flat[flat.index(before: range.lowerBound)].isLetter)
                && (range.upperBound == flat.endIndex || !flat[range.upperBound].isLetter))
            if ok { result.append(flat.distance(from: flat.startIndex, to: range.lowerBound)) }
            searchStart = range.upperBound
            if result.count > 50 { break }
        }
        return result
    }

    /// The word that contains a character offset.
    func wordIndex(atOffset offset: Int) -> Int {
        var low = 0
        var high = words.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if words[middle].offset <= offset { low = middle } else { high = middle - 1 }
        }
        return max(0, low)
    }

    func term(_ kind: LicenseTerm.Kind, value: String?, metric: String?, word: Int) -> LicenseTerm {
        let line = words.isEmpty ? 1 : words[min(word, words.count - 1)].line
        return LicenseTerm(kind: kind, value: value, metric: metric, line: line, snippet: document.line(line).trimmingSpaces())
    }

    /// The next double-quoted phrase starting within `distance` characters after `offset`.
    func quoted(after offset: Int, within distance: Int) -> (String, Int)? {
        let characters = Array(flat)
        let shown = Array(original)
        var index = offset
        while index < min(characters.count, offset + distance + 1) {
            if characters[index] == "\"" {
                guard let close = characters[(index + 1)...].prefix(80).firstIndex(of: "\"") else { return nil }
                let source = shown.count == characters.count ? shown : characters
                let phrase = String(source[(index + 1)..<close]).trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
                return phrase.isEmpty ? nil : (phrase, index)
            }
            index += 1
        }
        return nil
    }

    /// The nearest double-quoted phrase ending within `distance` characters before `offset`.
    func quoted(before offset: Int, within distance: Int) -> (String, Int)? {
        let characters = Array(flat)
        let shown = Array(original)
        var index = min(offset, characters.count) - 1
        while index >= max(0, offset - distance) {
            if characters[index] == "\"" {
                var open = index - 1
                while open >= max(0, index - 80), characters[open] != "\"" { open -= 1 }
                guard open >= 0, characters[open] == "\"" else { return nil }
                let source = shown.count == characters.count ? shown : characters
                let phrase = String(source[(open + 1)..<index]).trimmingCharacters(in: .whitespaces)
                return phrase.isEmpty ? nil : (phrase, open)
            }
            index -= 1
        }
        return nil
    }

    /// An http(s) URL starting within `distance` characters of `offset`, either side.
    func url(near offset: Int, within distance: Int) -> String? {
        let lower = max(0, offset - distance)
        let upper = min(flat.count, offset + distance)
        let start = flat.index(flat.startIndex, offsetBy: lower)
        let end = flat.index(flat.startIndex, offsetBy: upper)
        let window = flat[start..<end]
        guard let range = window.range(of: "http") else { return nil }
        let candidate = window[range.lowerBound...].prefix { !" )]>\"'".contains($0) }
        var url = String(candidate)
        while let last = url.last, ".,;:".contains(last) { url.removeLast() }
        return url.count > 10 ? url : nil
    }
}
