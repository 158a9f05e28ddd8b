import Foundation
import ModelFormats
import TrustmarkCore

/// The license catalog shipped with Trustmark (`Resources/catalog.json` and `Resources/texts/`), built from
/// the research catalog by `scripts/build-license-catalog.py`. Loaded once; every text is tokenised once.
public struct LicenseCatalog: Sendable {
    public struct Entry: Sendable {
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

    public struct TextReference: Sendable {
        public var key: String
        public var role: String
        public var file: String
        public var sha256: String
        public var tokens: Int
    }

    /// A reference text ready for matching: what ranking needs is at hand; the text and its tokens are read the first
    /// time a match needs them (the chosen text's diff, a variant's own clauses), once a process.
    public struct ReferenceText: Sendable {
        public var entry: Entry
        public var reference: TextReference
        /// Distinct word bigrams of the text (copyright lines kept), from the bigram index.
        public var bigramCount: Int
        let position: Int
        let store: ReferenceStore

        /// The text itself, to read its own clauses when a variant is graded against it.
        public var text: String { store.loaded(position).text }
        /// Every token (copyright lines kept), for ranking and diffs.
        public var full: NormalizedLicense { store.loaded(position).full }
        /// `tm_tokens_v1` tokens, for the exact hash.
        public var normalized: NormalizedLicense { store.loaded(position).normalized }
        /// The text's word bigrams.
        public var bigrams: Set<UInt64> { full.bigrams }
    }

    public var version: String
    public let entries: [Entry]
    public var references: [ReferenceText]
    /// `tm_tokens_v1` hash -> reference, as `catalog.json` records it (a test checks each against its text).
    private var byHash: [String: Int]
    let bigramIndex: BigramIndex
    /// Each entry's names as a card's prose writes them (`aliases(_:)`), in entry order, made once.
    let aliasTable: [[String]]
    let titleTable: [(entry: Entry, titles: [[String]])]
    /// Whether the postings came from `bigram-index.bin` (false: built from the texts, slowly).
    public let bigramIndexIsPrebuilt: Bool

    /// The catalog in this package's resources.
    public static let shipped: LicenseCatalog = {
        do {
            return try LicenseCatalog(directory: resourceDirectory)
        } catch {
            fatalError("the license catalog shipped with Trustmark is unreadable: \(error)")
        }
    }()

    /// Starts loading `shipped` on a thread of its own (once a process) and returns at once; whoever uses `shipped`
    /// first waits for that load rather than starting another (a static's initialiser runs once).
    public static func startLoadingShipped() { _ = backgroundLoad }

    private static let backgroundLoad: Void = { Thread.detachNewThread { _ = LicenseCatalog.shipped } }()

    /// The shipped catalog's version (ratings record it).
    public static var shippedVersion: String? { shipped.version }

    /// The folder holding `catalog.json`: SwiftPM's resource bundle layout differs between platforms.
    static let resourceDirectory: URL = {
        // On Linux SwiftPM puts the bundle next to the executable (build folders, the README's installed copy), so it
        // is looked for there first, without `Bundle`: setting up the main bundle lists the executable's whole folder,
        // which in a crowded one (/usr/bin, ~/bin) cost more than the rest of a rating (docs/benchmarks.md "Start-up").
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let besideExecutable = URL(fileURLWithPath: executable).deletingLastPathComponent()
                .appendingPathComponent("Trustmark_Licenses.resources").appendingPathComponent("Resources")
            if FileManager.default.fileExists(atPath: besideExecutable.appendingPathComponent("catalog.json").path) { return besideExecutable }
        }
        let bundle = Bundle.module
        let candidates = [
            bundle.resourceURL, bundle.resourceURL?.appendingPathComponent("Resources"), bundle.bundleURL.appendingPathComponent("Resources"),
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("catalog.json").path) }
            ?? bundle.bundleURL.appendingPathComponent("Resources")
    }()

    /// - Parameter prebuiltIndex: read the bigram postings from `bigram-index.bin` when it belongs to this
    ///   `catalog.json`; `false` builds them from the texts (what the index file is checked against).
    public init(directory: URL, prebuiltIndex: Bool = true) throws {
        let data = try Data(contentsOf: directory.appendingPathComponent("catalog.json"))
        let file = try CatalogFileReader.read(Array(data))
        version = file.version
        entries = file.entries
        let texts = directory.appendingPathComponent("texts")
        let listed = file.entries.flatMap { entry in entry.texts.map { (entry, $0) } }
        // Every text is there (read later, when a match needs it): one directory listing, not a file check per text.
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: texts.path))
        for (_, reference) in listed where !present.contains(reference.file) {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: texts.appendingPathComponent(reference.file).path])
        }
        let store = ReferenceStore(directory: texts, files: listed.map(\.1.file))
        let digest = BigramIndex.digest(data)
        // Read, not mapped: a mapped file truncated under a running process would fault on access (SIGBUS).
        let prebuilt =
            prebuiltIndex
            ? (try? BinaryFile(path: directory.appendingPathComponent(BigramIndex.fileName).path)).flatMap { file in
                (try? file.read(at: 0, count: Int(file.size))).flatMap {
                    BigramIndex(bytes: $0, catalogDigest: digest, referenceCount: listed.count)
                }
            } : nil
        let index = try prebuilt ?? BigramIndex(bigramSets: listed.indices.map { try store.load($0).full.bigrams })
        bigramIndex = index
        bigramIndexIsPrebuilt = prebuilt != nil
        var byHash: [String: Int] = [:]
        references = listed.enumerated().map { position, pair in
            byHash[pair.1.sha256] = position
            return ReferenceText(entry: pair.0, reference: pair.1, bigramCount: index.bigramCounts[position], position: position, store: store)
        }
        self.byHash = byHash
        aliasTable = entries.map(Self.aliases)
        titleTable = Self.titles(entries)
    }

    /// The bigram index file for the catalog in `directory`, built from its texts (`Resources/bigram-index.bin`).
    public static func buildBigramIndex(directory: URL) throws -> Data {
        let catalog = try LicenseCatalog(directory: directory, prebuiltIndex: false)
        let data = try Data(contentsOf: directory.appendingPathComponent("catalog.json"))
        return catalog.bigramIndex.encoded(catalogDigest: BigramIndex.digest(data))
    }

    /// For every reference, how many of `bigrams` it contains.
    func commonBigramCounts(_ bigrams: Set<UInt64>) -> [Int] { bigramIndex.commonCounts(bigrams) }

    public func entry(id: String) -> Entry? { entries.first { $0.id == id } }

    /// The reference text whose normalised tokens hash to `sha256`.
    public func reference(hash sha256: String) -> ReferenceText? { byHash[sha256].map { references[$0] } }

    /// The entry whose name the document's first lines give as its title, among entries the catalog holds no text for
    /// ("FAIR Noncommercial Research License" over "v1 Last Updated: …"). Names of fewer than three words are not titles
    /// enough to go on.
    public func entryByTitle(_ document: TextDocument) -> Entry? {
        // The words of the first three lines that are not blank, made once each (a lazy chain here re-split the lines
        // for every word it copied).
        var words: [String] = []
        for line in document.lines.lazy.filter({ !$0.allSatisfy(\.isWhitespace) }).prefix(3) { words += Self.titleWords(String(line)) }
        let first = Array(words.prefix(24))
        return titleTable.first { _, titles in
            titles.contains { title in first.count >= title.count && Array(first.prefix(title.count)) == title }
        }?.entry
    }

    static func titleWords(_ text: String) -> [String] { text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init) }

    /// Entries the catalog holds no text for, with the words of each of their names of three words or more (`entryByTitle`).
    static func titles(_ entries: [Entry]) -> [(entry: Entry, titles: [[String]])] {
        entries.filter { $0.texts.isEmpty }.map { entry in
            (entry, ([entry.name] + entry.licenseNames).map(titleWords).filter { $0.count >= 3 })
        }
    }

    /// Resolves a card's `license` tag, or `license_name` when the tag is `other`.
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
