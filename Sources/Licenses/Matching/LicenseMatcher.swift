import Synchronization
import TrustmarkCore

/// Identifies a license text against the catalog.
///
/// Only an exact match of the normalised tokens says "this is license X". Otherwise the nearest
/// catalog text by word-bigram Dice (or by how much of it the file contains, for texts with something
/// appended) gives "variant of X", with the added and removed passages; below both floors the answer
/// is "unknown" — the matcher never guesses. Terms always come from the file's own text.
public struct LicenseMatcher: Sendable {
    /// Dice at or above this makes a variant.
    public static let variantSimilarity = 0.80
    /// Or: the file contains at least this share of a catalog text's bigrams (a license plus an appendix).
    public static let variantContainment = 0.90
    /// Files larger than this are not compared (a license is a few thousand words at most).
    public static let maxBytes = 512 * 1024

    public var catalog: LicenseCatalog

    public init(catalog: LicenseCatalog = .shipped) {
        self.catalog = catalog
    }

    public func identify(_ document: TextDocument, role: LicenseFileAnalysis.Role = .license) -> LicenseFileAnalysis {
        guard document.text.utf8.count <= LicenseMatcher.maxBytes else {
            return LicenseFileAnalysis(
                path: document.path, role: role, verdict: .unknown,
                problem: "\(document.text.utf8.count) bytes, larger than any license; not compared")
        }
        // One pass gives every token (for ranking and diffs: a reflowed notice may share a line with
        // license text) and the tm_tokens_v1 hash.
        let normalized = NormalizedLicense.both(document.text)
        let terms = TermExtractor.terms(in: document)
        guard normalized.count >= 8 else {
            return LicenseFileAnalysis(
                path: document.path, role: role, verdict: .unknown, terms: terms, tokenCount: normalized.count,
                problem: "too short to be a license text")
        }
        if let reference = catalog.reference(hash: normalized.sha256) {
            let entry = reference.entry
            return LicenseFileAnalysis(
                path: document.path, role: reference.reference.role == "policy" ? .policy : role, verdict: .exact, catalogID: entry.id,
                name: entry.name, family: entry.family, expressionID: entry.expressionID, grade: entry.grade, similarity: 1, containment: 1,
                nearestID: entry.id, terms: terms, tokenCount: normalized.count)
        }
        let bigrams = normalized.bigrams
        let commonCounts = catalog.commonBigramCounts(bigrams)
        var best: (reference: LicenseCatalog.ReferenceText, dice: Double, containment: Double)?
        var bestContained: (reference: LicenseCatalog.ReferenceText, dice: Double, containment: Double)?
        for (index, reference) in catalog.references.enumerated() {
            let common = Double(commonCounts[index])
            let dice = 2 * common / Double(bigrams.count + reference.bigramCount)
            let containment = common / Double(max(reference.bigramCount, 1))
            if dice > (best?.dice ?? -1) { best = (reference, dice, containment) }
            // Tiny texts (MIT-0, ISC) are contained in many licenses; only count texts of some size.
            if reference.reference.tokens >= 60, containment > (bestContained?.containment ?? -1) {
                bestContained = (reference, dice, containment)
            }
        }
        guard let nearest = best else {
            return LicenseFileAnalysis(path: document.path, role: role, verdict: .unknown, terms: terms, tokenCount: normalized.count)
        }
        let chosen: (reference: LicenseCatalog.ReferenceText, dice: Double, containment: Double)?
        if nearest.dice >= LicenseMatcher.variantSimilarity {
            chosen = nearest
        } else if let contained = bestContained, contained.containment >= LicenseMatcher.variantContainment {
            chosen = contained
        } else {
            chosen = nil
        }
        guard let match = chosen else {
            if let entry = catalog.entryByTitle(document) {
                // The catalog knows this licence by name but holds no text to compare: identified by its title, graded by
                // the catalog, with the file's own terms. Never exact (nothing was compared), never a free pass.
                var titled = LicenseFileAnalysis(
                    path: document.path, role: role, verdict: .variant, catalogID: entry.id, name: entry.name, family: entry.family,
                    expressionID: nil, grade: VariantGrade.grade(base: entry.grade, terms: terms), similarity: 0, containment: 0,
                    nearestID: entry.id, terms: terms, tokenCount: normalized.count,
                    problem: "identified by its title only: the catalog holds no text of \(entry.name) to compare")
                titled.byTitle = true
                return titled
            }
            let stated = catalog.statementsInFile(document)
            if let governing = stated.max(by: { $0.entry.grade < $1.entry.grade }) {
                // A statement, not a licence text: the licences it names, the most restrictive governing ("Subject to
                // the Qwen LICENSE AGREEMENT, Kimi-Dev-72B is under MIT license" is bound by both).
                let entry = governing.entry
                let names = stated.map(\.entry.name).joined(separator: " and ")
                var result = LicenseFileAnalysis(
                    path: document.path, role: role, verdict: .variant, catalogID: entry.id, name: entry.name, family: entry.family,
                    expressionID: nil, grade: VariantGrade.grade(base: entry.grade, terms: terms), nearestID: entry.id, terms: terms,
                    tokenCount: normalized.count,
                    problem: "a statement, not a licence text: line \(governing.line.line) names \(names); the most restrictive governs")
                result.statedOn = governing.line.line
                return result
            }
            return LicenseFileAnalysis(
                path: document.path, role: role, verdict: .unknown, similarity: rounded(nearest.dice), containment: rounded(nearest.containment),
                nearestID: nearest.reference.entry.id, terms: terms, tokenCount: normalized.count)
        }
        let entry = match.reference.entry
        let (added, removed, truncated) = passages(file: normalized, reference: match.reference.full, entry: entry)
        if added.isEmpty && removed.isEmpty && !truncated {
            // Identical apart from copyright notices and the license's own title.
            return LicenseFileAnalysis(
                path: document.path, role: match.reference.reference.role == "policy" ? .policy : role, verdict: .exact, catalogID: entry.id,
                name: entry.name, family: entry.family, expressionID: entry.expressionID, grade: entry.grade, similarity: rounded(match.dice),
                containment: rounded(match.containment), nearestID: entry.id, terms: terms, tokenCount: normalized.count)
        }
        if let split = appendedSplit(document, normalized: normalized, reference: match.reference, role: role) { return split }
        // A licence with a name of its own over a modified text ("LFM Open License v1.0", Apache-2.0 with a revenue cap)
        // is that licence, when the catalog knows it by name: graded from the catalog and the file's own clauses.
        if let titled = catalog.entryByTitle(document), titled.id != entry.id {
            var result = LicenseFileAnalysis(
                path: document.path, role: role, verdict: .variant, catalogID: titled.id, name: titled.name, family: titled.family,
                expressionID: nil, grade: VariantGrade.grade(base: titled.grade, terms: terms), similarity: 0, containment: 0,
                nearestID: titled.id, terms: terms, tokenCount: normalized.count,
                problem: "identified by its title only: the catalog holds no text of \(titled.name) to compare (its text is closest to \(entry.name))"
            )
            result.byTitle = true
            return result
        }
        return LicenseFileAnalysis(
            path: document.path, role: match.reference.reference.role == "policy" ? .policy : role, verdict: .variant, catalogID: entry.id,
            name: entry.name, family: entry.family, expressionID: nil,
            grade: VariantGrade.grade(base: entry.grade, terms: VariantGrade.ownTerms(terms, reference: match.reference)),
            similarity: rounded(match.dice), containment: rounded(match.containment), nearestID: entry.id, added: added, removed: removed,
            diffTruncated: truncated, terms: terms, tokenCount: normalized.count)
    }

    private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// How appended licences of other works are introduced.
    static let thirdPartyOpenings = [
        "third-party", "third party", "following licenses", "following licences", "listed projects", "other licenses",
        "open source software", "components", "notices for", "licenses of the following",
    ]

    /// A whole catalog text with other text after it — Open-Sora's Apache-2.0 LICENSE goes on, from line 204, with
    /// "This project is … subject to the following licenses:" and a component's Tencent Hunyuan terms. The file is then
    /// the catalog licence (when its own part is exact) followed by appended text whose clauses belong to others:
    /// they are listed apart (`appendedTerms`), not as the model's terms.
    private func appendedSplit(
        _ document: TextDocument, normalized: NormalizedLicense, reference: LicenseCatalog.ReferenceText, role: LicenseFileAnalysis.Role
    ) -> LicenseFileAnalysis? {
        // The reference's closing words, found in the file: where its own text ends.
        let tail = Array(reference.normalized.hashes.suffix(12))
        guard tail.count == 12, normalized.hashes.count > tail.count + 40 else { return nil }
        var end: Int?
        var index = 0
        while index + tail.count <= normalized.hashes.count {
            if normalized.hashes[index] == tail[0], Array(normalized.hashes[index..<(index + tail.count)]) == tail {
                end = index + tail.count
                break
            }
            index += 1
        }
        guard let end, normalized.hashes.count - end >= 40 else { return nil }
        let lastLine = normalized.lines[end - 1]
        guard lastLine < document.lines.count else { return nil }
        // Only text that introduces other works' licences is theirs. A usage policy appended to the licence ("You may
        // not use the model …, incorporated by reference into this license") is the model's own terms: a variant.
        let opening = document.lines[lastLine...].prefix(12).joined(separator: " ").lowercased()
        guard Self.thirdPartyOpenings.contains(where: { opening.utf8Contains($0) }) else { return nil }
        let head = TextDocument(path: document.path, text: document.lines.prefix(lastLine).joined(separator: "\n") + "\n")
        var own = identify(head, role: role)
        guard own.verdict == .exact else { return nil }
        let terms = TermExtractor.terms(in: document)
        own.terms = terms.filter { $0.line <= lastLine }
        own.appendedTerms = terms.filter { $0.line > lastLine }
        own.appendedFrom = lastLine + 1
        own.tokenCount = normalized.count
        return own
    }

    /// Added passages carry this file's lines; removed ones the catalog text's lines.
    private func passages(file: NormalizedLicense, reference: NormalizedLicense, entry: LicenseCatalog.Entry) -> ([DiffPassage], [DiffPassage], Bool)
    {
        guard let runs = TokenDiff.runs(old: reference.hashes, new: file.hashes) else { return ([], [], true) }
        var added: [DiffPassage] = []
        var removed: [DiffPassage] = []
        let title = NormalizedLicense(entry.name)
        let titleWords = (0..<title.count).map(title.token)
        // A URL's scheme is not a term: "https://www.apache.org/licenses/" for the text's "http://…" changes nothing.
        var schemeSwaps = min(
            runs.filter { $0.isInsertion && $0.range.map(file.token) == ["https"] }.count,
            runs.filter { !$0.isInsertion && $0.range.map(reference.token) == ["http"] }.count)
        var deletedSchemes = schemeSwaps
        for run in runs {
            let source = run.isInsertion ? file : reference
            let words = run.range.map(source.token)
            if run.isInsertion, schemeSwaps > 0, words == ["https"] {
                schemeSwaps -= 1
                continue
            }
            if !run.isInsertion, deletedSchemes > 0, words == ["http"] {
                deletedSchemes -= 1
                continue
            }
            if Ignorable.isNotice(words, title: run.isInsertion ? titleWords : []) { continue }
            // Lines that start with a copyright notice are notices whatever they hold ("Copyright (c) Microsoft
            // Corporation." has no year): only the license's own title may come before them.
            if run.isInsertion, Ignorable.isTitleThenCopyrightLines(run.range, in: file, title: titleWords) { continue }
            let text = words.prefix(60).joined(separator: " ") + (words.count > 60 ? " …" : "")
            let passage = DiffPassage(
                text: text, lineStart: source.lines[run.range.lowerBound], lineEnd: source.lines[run.range.upperBound - 1], words: words.count)
            if run.isInsertion { added.append(passage) } else { removed.append(passage) }
        }
        return (added, removed, false)
    }
}

/// A variant's grade: the catalog grade, made worse by what the variant's own text says.
enum VariantGrade {
    /// The clauses of a variant that its catalog text does not have already: the catalog's grade accounts for those
    /// (MiniMax-M2's copy of Kimi K2's modified MIT keeps its display duty above 100M users; it is not a cap, grade C).
    static func ownTerms(_ terms: [LicenseTerm], reference: LicenseCatalog.ReferenceText) -> [LicenseTerm] {
        let inherited = inheritedKinds(reference)
        return terms.filter { !inherited.contains($0.kind) }
    }

    /// The clause kinds of each catalog text, read once a process: a bulk run grades many variants of few texts, and
    /// reading them at catalog load would cost every start-up instead.
    private static let cache = Mutex<[String: Set<LicenseTerm.Kind>]>([:])

    static func inheritedKinds(_ reference: LicenseCatalog.ReferenceText) -> Set<LicenseTerm.Kind> {
        let key = reference.reference.key
        if let known = cache.withLock({ $0[key] }) { return known }
        let kinds = Set(TermExtractor.terms(in: TextDocument(path: reference.reference.file, text: reference.text)).map(\.kind))
        cache.withLock { $0[key] = kinds }
        return kinds
    }

    static func grade(base: OpennessGrade, terms: [LicenseTerm]) -> OpennessGrade {
        var grade = base
        let kinds = Set(terms.map(\.kind))
        if kinds.contains(.researchOnly) { grade = max(grade, .h) }
        if kinds.contains(.nonCommercial) { grade = max(grade, .g) }
        if kinds.contains(.threshold) || kinds.contains(.territoryExclusion) { grade = max(grade, .e) }
        if kinds.contains(.acceptableUsePolicy) || kinds.contains(.fieldOfUseBan) || kinds.contains(.outputTrainingBan) { grade = max(grade, .d) }
        if kinds.contains(.attribution) || kinds.contains(.namePrefix) { grade = max(grade, .c) }
        return grade
    }
}

/// Inserted text that does not change a license: copyright notices, and the license's own name as a title.
enum Ignorable {
    /// Whether the inserted tokens are the license's title (optionally) followed only by tokens on copyright lines.
    static func isTitleThenCopyrightLines(_ range: Range<Int>, in file: NormalizedLicense, title: [String]) -> Bool {
        var start = range.lowerBound
        if !title.isEmpty, range.count >= title.count, (0..<title.count).allSatisfy({ file.token(range.lowerBound + $0) == title[$0] }) {
            start += title.count
        }
        guard start < range.upperBound else { return true }
        return (start..<range.upperBound).allSatisfy { file.onCopyrightLine[$0] }
            && !(start..<range.upperBound).contains { legalWords.contains(file.token($0)) }
    }

    static let legalWords: Set<String> = [
        "may", "shall", "must", "not", "revoke", "revoked", "terminate", "prohibited", "grant", "grants",
        "agree", "permitted", "except", "only", "without", "license", "licensed", "use",
    ]

    static func isNotice(_ tokens: [String], title: [String]) -> Bool {
        var rest = tokens[...]
        if !title.isEmpty, rest.starts(with: title) { rest = rest.dropFirst(title.count) }
        if rest.isEmpty { return true }
        // Several notices can stand together ("Copyright 2020 A. Copyright 2024 B.").
        while !rest.isEmpty {
            guard let notice = leadingNotice(rest) else { return false }
            rest = rest.dropFirst(notice)
        }
        return true
    }

    /// The length of a copyright notice at the start: "copyright (c) 2024 Name, all rights reserved".
    static func leadingNotice(_ tokens: ArraySlice<String>) -> Int? {
        guard let first = tokens.first, first == "copyright" || first == "c" else { return nil }
        var length = 0
        var sawYear = false
        for token in tokens {
            if length > 0 && (token == "copyright") && sawYear { break }
            if legalWords.contains(token) { return nil }
            if token == "year" || (token.count == 4 && token.allSatisfy(\.isNumber) && (token.hasPrefix("19") || token.hasPrefix("20"))) {
                sawYear = true
            }
            length += 1
            if length > 30 { return nil }
        }
        return sawYear || tokens.prefix(length).joined(separator: " ").utf8Contains("all rights reserved") ? length : nil
    }
}
