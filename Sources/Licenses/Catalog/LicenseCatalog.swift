import Foundation
import TrustmarkCore

/// The license catalog shipped with Trustmark (`Resources/catalog.json` and `Resources/texts/`), built from
/// the research catalog by `scripts/build-license-catalog.py`. Loaded once; every text is tokenised once.
public struct LicenseCatalog: Sendable {
    public struct Entry: Sendable, Decodable {
        public var id: String
        public var name: String
        public var family: String
        public var spdx: String?
        public var licenseRef: String?
        public var hubTags: [String]
        public var licenseNames: [String]
        public var versionDate: String?
        public var grade: OpennessGrade
        public var osiApproved: Bool
        public var osaidTermsOK: Bool
        public var terms: CatalogTerms
        public var confidence: String
        public var texts: [TextReference]

        /// The identifier to show: SPDX where there is one, else a `LicenseRef-`.
        public var expressionID: String { spdx ?? licenseRef ?? "LicenseRef-trustmark-\(id)" }
    }

    public struct TextReference: Sendable, Decodable {
        public var key: String
        public var role: String
        public var file: String
        public var sha256: String
        public var tokens: Int
    }

    /// A reference text ready for matching.
    public struct ReferenceText: Sendable {
        public var entry: Entry
        public var reference: TextReference
        /// `tm_tokens_v1` tokens, for the exact hash.
        public var normalized: NormalizedLicense
        /// Every token (copyright lines kept), for ranking and diffs.
        public var full: NormalizedLicense
        public var bigrams: Set<UInt64>
        /// The text itself, to read its own clauses when a variant is graded against it.
        public var text: String
    }

    public var version: String
    public var entries: [Entry]
    public var references: [ReferenceText]
    private var byHash: [String: Int]
    /// Bigram -> the references that contain it, for ranking without comparing every set.
    let postings: [UInt64: [Int32]]

    /// The catalog in this package's resources.
    public static let shipped: LicenseCatalog = {
        do {
            return try LicenseCatalog(directory: resourceDirectory)
        } catch {
            fatalError("the license catalog shipped with Trustmark is unreadable: \(error)")
        }
    }()

    /// The shipped catalog's version, read without loading its texts (ratings record it; loading all texts costs more).
    public static let shippedVersion: String? = {
        struct Header: Decodable { var version: String }
        guard let data = try? Data(contentsOf: resourceDirectory.appendingPathComponent("catalog.json")) else { return nil }
        return try? JSONDecoder().decode(Header.self, from: data).version
    }()

    /// The folder holding `catalog.json`: SwiftPM's resource bundle layout differs between platforms.
    static var resourceDirectory: URL {
        let bundle = Bundle.module
        let candidates = [
            bundle.resourceURL, bundle.resourceURL?.appendingPathComponent("Resources"), bundle.bundleURL.appendingPathComponent("Resources"),
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("catalog.json").path) }
            ?? bundle.bundleURL.appendingPathComponent("Resources")
    }

    public init(directory: URL) throws {
        struct File: Decodable {
            var version: String
            var licenses: [Entry]
        }
        let data = try Data(contentsOf: directory.appendingPathComponent("catalog.json"))
        let file = try JSONDecoder().decode(File.self, from: data)
        version = file.version
        entries = file.licenses
        var references: [ReferenceText] = []
        var byHash: [String: Int] = [:]
        for entry in file.licenses {
            for reference in entry.texts {
                let text = try String(contentsOf: directory.appendingPathComponent("texts").appendingPathComponent(reference.file), encoding: .utf8)
                let full = NormalizedLicense.both(text)
                let normalized = full.withoutCopyrightLines
                byHash[full.sha256] = references.count
                references.append(
                    ReferenceText(entry: entry, reference: reference, normalized: normalized, full: full, bigrams: full.bigrams, text: text))
            }
        }
        self.references = references
        self.byHash = byHash
        var postings: [UInt64: [Int32]] = [:]
        for (index, reference) in references.enumerated() {
            for bigram in reference.bigrams { postings[bigram, default: []].append(Int32(index)) }
        }
        self.postings = postings
    }

    /// For every reference, how many of `bigrams` it contains.
    func commonBigramCounts(_ bigrams: Set<UInt64>) -> [Int] {
        var counts = [Int](repeating: 0, count: references.count)
        for bigram in bigrams {
            guard let list = postings[bigram] else { continue }
            for index in list { counts[Int(index)] += 1 }
        }
        return counts
    }

    public func entry(id: String) -> Entry? { entries.first { $0.id == id } }

    /// The reference text whose normalised tokens hash to `sha256`.
    public func reference(hash sha256: String) -> ReferenceText? { byHash[sha256].map { references[$0] } }

    /// Resolves a card's `license` tag, or `license_name` when the tag is `other`.
    /// The entry whose name the document's first lines give as its title, among entries the catalog holds no text for
    /// ("FAIR Noncommercial Research License" over "v1 Last Updated: …"). Names of fewer than three words are not titles
    /// enough to go on.
    public func entryByTitle(_ document: TextDocument) -> Entry? {
        func words(_ text: String) -> [Substring] { text.lowercased().split { !($0.isLetter || $0.isNumber) } }
        let head = document.lines.lazy.filter { !$0.allSatisfy(\.isWhitespace) }.prefix(3).map { words(String($0)) }.joined()
        let first = Array(head.prefix(24))
        return entries.filter { $0.texts.isEmpty }.first { entry in
            ([entry.name] + entry.licenseNames).contains { name in
                let title = words(name)
                return title.count >= 3 && first.count >= title.count && Array(first.prefix(title.count)) == title
            }
        }
    }

    public func resolve(tag: String?, licenseName: String?) -> Entry? {
        let name = licenseName?.lowercased().trimmingCharacters(in: .whitespaces)
        if let name, !name.isEmpty, let entry = entries.first(where: { $0.licenseNames.contains(name) || $0.id == name }) {
            return entry
        }
        guard let tag = tag?.lowercased().trimmingCharacters(in: .whitespaces), !tag.isEmpty, tag != "other" else { return nil }
        // Entries that name the tag directly first; derived text-only entries after.
        return entries.first { $0.hubTags.contains(tag) && $0.id == tag } ?? entries.first { $0.hubTags.contains(tag) }
            ?? entries.first { $0.id == tag }
    }
}
