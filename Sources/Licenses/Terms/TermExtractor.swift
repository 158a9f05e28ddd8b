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
        let caps = thresholds(text)
        terms += caps
        var nonCommercial = phrases(
            text, .nonCommercial, ["non-commercial", "noncommercial", "non commercial", "not for commercial"], skippingDefinitions: true)
        // A licence that caps commercial use by users or revenue may name a defined term such as "Non-Commercial or
        // Research Purposes" for an exception (LFM: non-profits above the threshold): a use of that term is not a
        // non-commercial clause.
        if !caps.isEmpty {
            let defined = definedTerms(text)
            nonCommercial.removeAll { term in
                defined.contains { $0.utf8Contains(term.value ?? "") && text.document.lines[term.line - 1].lowercased().utf8Contains($0) }
            }
        }
        terms += nonCommercial
        terms += negatedCommercial(text)
        terms += phrases(
            text, .researchOnly,
            [
                "research purposes only", "solely for research", "for non-production", "non-production use",
                "evaluation purposes only", "research and evaluation only", "only for research",
            ])
        terms += quotedAfter(text, .attribution, anchors: ["prominently display", "display \"", "state \"", "include \"built with"])
        terms += quotedBefore(text, .namePrefix, anchors: ["at the beginning of any such ai model name", "at the beginning of the name"])
        terms += policies(text)
        terms += keywords(text, .fieldOfUseBan, ["military", "warfare", "nuclear", "weapons", "espionage"])
        terms += phrases(
            text, .outputTrainingBan,
            [
                "improve any other large language model", "improve any other ai model",
                "improve any other foundational", "improve any foundational", "train any other",
                "improve any other large model",
            ])
        terms += territories(text)
        terms += governingLaw(text)
        terms += phrases(
            text, .unilateralChange,
            [
                "restrict (remotely or otherwise)", "restrict, remotely or otherwise", "may update this",
                "reserves the right to modify", "may modify this agreement", "updated from time to time",
            ])
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
            // "annual revenue of 10 million United States dollars ($10,000,000)": the currency may come nine words on.
            let window = (max(0, word - 16)..<min(text.words.count, word + 10)).map(text.text).joined(separator: " ")
            guard window.utf8Contains("$") || window.utf8Contains("usd") || window.utf8Contains("dollar") else { continue }
            guard let (value, at) = nearestNumber(text, before: word, within: 16) ?? nearestNumber(text, after: word, within: 6) else { continue }
            let metric =
                window.utf8Contains("month")
                ? "monthly_revenue_usd" : (window.utf8Contains("annual") || window.utf8Contains("year")) ? "annual_revenue_usd" : "revenue_usd"
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
        let wordText = text.text(index)
        var word = wordText[...]
        while let first = word.first, !first.isNumber { word = word.dropFirst() }
        while let last = word.last, !last.isNumber { word = word.dropLast() }
        guard !word.isEmpty, word.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) else { return nil }
        // Section numbers such as "4.2" or "1." are not amounts.
        let digits = word.replacingOccurrences(of: ",", with: "")
        guard let value = Double(digits) else { return nil }
        var scale = 1.0
        if index + 1 < text.words.count {
            switch text.text(index + 1).trimmingCharacters(in: .punctuationCharacters) {
            case "thousand": scale = 1e3
            case "million", "m": scale = 1e6
            case "billion", "bn": scale = 1e9
            default: break
            }
        }
        let total = value * scale
        // No cap is a quintillion or more; a longer digit run is not an amount (and would not fit an Int64: it trapped,
        // found by FuzzLicense).
        guard total >= 1000 || scale > 1, total < 1e18 else { return nil }
        return String(Int64(total.rounded()))
    }

    static func phrases(_ text: FlatText, _ kind: LicenseTerm.Kind, _ phrases: [String], skippingDefinitions: Bool = false) -> [LicenseTerm] {
        phrases.flatMap { phrase in
            text.occurrences(of: phrase).lazy
                .filter { !skippingDefinitions || !isDefinition(text, line: text.words[text.wordIndex(atOffset: $0)].line) }
                .prefix(1).map { text.term(kind, value: phrase, metric: nil, word: text.wordIndex(atOffset: $0)) }
        }
    }

    /// The terms a licence defines (`"Threshold" shall mean …`), lower-cased.
    static func definedTerms(_ text: FlatText) -> [String] {
        text.document.lines.indices.compactMap { index -> String? in
            guard isDefinition(text, line: index + 1) else { return nil }
            let line = text.document.lines[index].lowercased()
            guard let open = line.firstIndex(where: { $0 == "\"" || $0 == "“" }) else { return nil }
            let rest = line[line.index(after: open)...]
            guard let close = rest.firstIndex(where: { $0 == "\"" || $0 == "”" }) else { return nil }
            return String(rest[..<close])
        }
    }

    /// A definition (`"Non-Commercial or Research Purposes" shall mean …`) names a term; it restricts nothing itself.
    static func isDefinition(_ text: FlatText, line: Int) -> Bool {
        guard line >= 1, line <= text.document.lines.count else { return false }
        var rest = text.document.lines[line - 1].lowercased().drop { !$0.isLetter && $0 != "\"" && $0 != "“" }
        guard let open = rest.first, open == "\"" || open == "“" else { return false }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(where: { $0 == "\"" || $0 == "”" }), rest.distance(from: rest.startIndex, to: close) <= 80 else {
            return false
        }
        let after = rest[rest.index(after: close)...].drop { $0 == " " || $0 == "," || $0 == ")" }
        return ["shall mean", "means", "refers to", "shall refer to", "has the meaning"].contains { after.hasPrefix($0) }
    }

    static func keywords(_ text: FlatText, _ kind: LicenseTerm.Kind, _ keywords: [String]) -> [LicenseTerm] {
        keywords.compactMap { keyword in
            text.occurrences(of: keyword, wholeWord: true).first.map {
                text.term(kind, value: keyword, metric: nil, word: text.wordIndex(atOffset: $0))
            }
        }
    }

    static let territoryNames = ["european union", "united kingdom", "south korea"]

    /// Territory exclusions by name, and "domiciled in …" with the place it names: "an individual domiciled in, or a
    /// company with a principal place of business in, the European Union" is the European Union (the phrase alone
    /// named no territory: "Territory exclusion: domiciled in.").
    static func territories(_ text: FlatText) -> [LicenseTerm] {
        var terms = keywords(text, .territoryExclusion, territoryNames)
        for offset in text.occurrences(of: "domiciled in", wholeWord: true).prefix(1) {
            let word = text.wordIndex(atOffset: offset)
            let following = ((word + 2)..<min(text.words.count, word + 22)).map(text.text).joined(separator: " ")
            if territoryNames.contains(where: { following.utf8Contains($0) }) { continue }
            // The place: the words after the last "in" of the clause, up to its end.
            let clause = following.prefix { !".;".contains($0) }
            let place = clause.components(separatedBy: " in ").last?.trimmingCharacters(in: CharacterSet(charactersIn: " ,")) ?? ""
            guard !place.isEmpty, place.split(separator: " ").count <= 8 else { continue }
            terms.append(text.term(.territoryExclusion, value: place, metric: nil, word: word))
        }
        return terms
    }

    /// "You may not use the Materials for commercial purposes": a negation shortly before "commercial purposes/use".
    static func negatedCommercial(_ text: FlatText) -> [LicenseTerm] {
        for phrase in ["commercial purposes", "commercial purpose", "commercial use", "commercially"] {
            for offset in text.occurrences(of: phrase, wholeWord: true)
            where !isDefinition(text, line: text.words[text.wordIndex(atOffset: offset)].line) {
                var before = text.slice((offset - 48)..<offset)
                // The negation must be in the same sentence ("… not exceeding the Threshold. (b) Any Commercial Use").
                if let stop = before.range(of: ". ", options: .backwards) { before = String(before[stop.upperBound...]) }
                if [" not ", " no ", "n't ", " never ", "prohibited", "forbidden"].contains(where: before.utf8Contains),
                    !before.utf8Contains("not limited"), !before.utf8Contains("including")
                {
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
        let anchors = [
            "governed by and construed in accordance with the laws of", "governed and construed under the laws of",
            "governed by, and construed in accordance with, the laws of", "governed by the laws of",
            "construed in accordance with the laws of", "governed by and construed under the laws of", "subject to the laws of",
        ]
        for anchor in anchors {
            guard let offset = text.occurrences(of: anchor).first else { continue }
            let rest = text.slice((offset + anchor.utf8.count)..<(offset + anchor.utf8.count + 160), cased: true).drop { $0 == " " }
            // Up to 16 words: "the Hong Kong Special Administrative Region of the People's Republic of China" is 12 (8 cut it
            // after "of the", issue 13); a clause cut by the limit does not end on a dangling "of" or "the".
            let clause = rest.prefix { !",.;(".contains($0) }.split(separator: " ").prefix(16)
            let stop = clause.firstIndex { ["without", "and", "excluding", "regardless"].contains($0.lowercased()) } ?? clause.endIndex
            var words = Array(clause[..<stop])
            while let last = words.last, ["of", "the", "in", "a", "an", "to"].contains(last.lowercased()) { words.removeLast() }
            let place = words.joined(separator: " ")
            return [text.term(.governingLaw, value: place.isEmpty ? nil : place, metric: nil, word: text.wordIndex(atOffset: offset))]
        }
        return []
    }
}

/// A document as one lower-cased run of words (ASCII bytes; curly quotes made straight), with the
/// line of every word, and the same words in their original case at the same offsets.
struct FlatText {
    struct Word {
        var range: Range<Int>
        var line: Int
    }

    let document: TextDocument
    var flat: [UInt8] = []
    var original: [UInt8] = []
    var words: [Word] = []

    init(_ document: TextDocument) {
        self.document = document
        flat.reserveCapacity(document.text.utf8.count)
        original.reserveCapacity(document.text.utf8.count)
        for (index, line) in document.lines.enumerated() {
            var wordStart: Int?
            let bytes = Array(line.utf8)
            var position = 0
            while position <= bytes.count {
                let byte: UInt8 = position < bytes.count ? bytes[position] : 0x20
                if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    if let start = wordStart {
                        words.append(Word(range: start..<flat.count, line: index + 1))
                        wordStart = nil
                    }
                    position += 1
                    continue
                }
                if wordStart == nil {
                    if !flat.isEmpty {
                        flat.append(0x20)
                        original.append(0x20)
                    }
                    wordStart = flat.count
                }
                // “ ” „ (E2 80 9C/9D/9E) and « » (C2 AB/BB) become ", ‘ ’ (E2 80 98/99) become '.
                if byte == 0xE2, position + 2 < bytes.count, bytes[position + 1] == 0x80, (0x98...0x9E).contains(bytes[position + 2]) {
                    let quote: UInt8 = bytes[position + 2] <= 0x99 ? 0x27 : 0x22
                    flat.append(quote)
                    original.append(quote)
                    position += 3
                    continue
                }
                if byte == 0xC2, position + 1 < bytes.count, bytes[position + 1] == 0xAB || bytes[position + 1] == 0xBB {
                    flat.append(0x22)
                    original.append(0x22)
                    position += 2
                    continue
                }
                if byte == 0x2A {
                    position += 1
                    continue
                }  // Markdown emphasis
                flat.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                original.append(byte)
                position += 1
            }
        }
    }

    func text(_ word: Int) -> String { String(decoding: flat[words[word].range], as: UTF8.self) }

    /// Byte offsets (in `flat`) where `phrase` starts; at most 50.
    func occurrences(of phrase: String, wholeWord: Bool = false) -> [Int] {
        let pattern = Array(phrase.utf8)
        guard let first = pattern.first, pattern.count <= flat.count else { return [] }
        var result: [Int] = []
        // Every licence file is searched for some sixty phrases: candidates by memchr, then a byte compare.
        flat.withUnsafeBufferPointer { text in
            pattern.withUnsafeBufferPointer { needle in
                guard let base = text.baseAddress, let needleBase = needle.baseAddress else { return }
                let last = text.count - needle.count
                var index = 0
                while index <= last {
                    guard let hit = memchr(base + index, Int32(first), last - index + 1) else { break }
                    index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    guard memcmp(base + index, needleBase, needle.count) == 0 else {
                        index += 1
                        continue
                    }
                    let before = index == 0 ? 0x20 : text[index - 1]
                    let after = index + needle.count < text.count ? text[index + needle.count] : 0x20
                    if !wholeWord || (!FlatText.isLetter(before) && !FlatText.isLetter(after)) {
                        result.append(index)
                        if result.count >= 50 { break }
                    }
                    index += needle.count
                }
            }
        }
        return result
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80 }

    /// The word that contains a byte offset.
    func wordIndex(atOffset offset: Int) -> Int {
        var low = 0
        var high = words.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if words[middle].range.lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        return max(0, low)
    }

    func term(_ kind: LicenseTerm.Kind, value: String?, metric: String?, word: Int) -> LicenseTerm {
        let line = words.isEmpty ? 1 : words[min(word, words.count - 1)].line
        return LicenseTerm(kind: kind, value: value, metric: metric, line: line, snippet: document.line(line).trimmingSpaces())
    }

    /// The bytes of `flat` (or `original`) in a range, as text.
    func slice(_ range: Range<Int>, cased: Bool = false) -> String {
        let clamped = max(0, range.lowerBound)..<min(flat.count, max(range.lowerBound, range.upperBound))
        return String(decoding: (cased ? original : flat)[clamped], as: UTF8.self)
    }

    /// The next double-quoted phrase starting within `distance` bytes after `offset`, in its original case.
    func quoted(after offset: Int, within distance: Int) -> (String, Int)? {
        var index = offset
        while index < min(flat.count, offset + distance + 1) {
            if flat[index] == 0x22 {
                guard let close = flat[(index + 1)..<min(flat.count, index + 81)].firstIndex(of: 0x22) else { return nil }
                let phrase = slice((index + 1)..<close, cased: true).trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
                return phrase.isEmpty ? nil : (phrase, index)
            }
            index += 1
        }
        return nil
    }

    /// The nearest double-quoted phrase ending within `distance` bytes before `offset`.
    func quoted(before offset: Int, within distance: Int) -> (String, Int)? {
        var index = min(offset, flat.count) - 1
        while index >= max(0, offset - distance) {
            if flat[index] == 0x22 {
                var open = index - 1
                while open >= max(0, index - 80), flat[open] != 0x22 { open -= 1 }
                guard open >= 0, flat[open] == 0x22 else { return nil }
                let phrase = slice((open + 1)..<index, cased: true).trimmingCharacters(in: .whitespaces)
                return phrase.isEmpty ? nil : (phrase, open)
            }
            index -= 1
        }
        return nil
    }

    /// An http(s) URL starting within `distance` bytes of `offset`, either side.
    func url(near offset: Int, within distance: Int) -> String? {
        let window = max(0, offset - distance)..<min(flat.count, offset + distance)
        guard let start = occurrences(of: "http").first(where: { window.contains($0) }) else { return nil }
        var end = start
        while end < flat.count, !" )]>\"'".utf8.contains(flat[end]) { end += 1 }
        var url = slice(start..<end, cased: true)
        while let last = url.last, ".,;:".contains(last) { url.removeLast() }
        return url.count > 10 ? url : nil
    }
}
