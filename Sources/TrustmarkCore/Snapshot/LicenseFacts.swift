/// License openness grades (docs/licenses.md, "The catalog"): A permissive ... I none.
public enum OpennessGrade: String, Sendable, Codable, CaseIterable, Comparable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"
    case e = "E"
    case f = "F"
    case g = "G"
    case h = "H"
    case i = "I"

    public var meaning: String {
        switch self {
        case .a: return "permissive, no use restrictions"
        case .b: return "copyleft or share-alike"
        case .c: return "permissive with an extra attribution or branding duty"
        case .d: return "commercial use allowed, with use restrictions that bind derivatives"
        case .e: return "commercial use capped (users, revenue or territory)"
        case .f: return "commercial use only after registration or permission"
        case .g: return "non-commercial only"
        case .h: return "research or evaluation only"
        case .i: return "no license, unknown or proprietary"
        }
    }

    private var rank: Int { OpennessGrade.allCases.firstIndex(of: self)! }
    /// `A < B`: A is the more open grade.
    public static func < (lhs: OpennessGrade, rhs: OpennessGrade) -> Bool { lhs.rank < rhs.rank }
}

/// What the license files and declarations of a repository say, read once at load time by the
/// `Licenses` matcher against a versioned catalog.
public struct LicenseAnalysis: Sendable, Equatable {
    public var catalogVersion: String
    /// The card's `license` / `license_name`, resolved against the catalog.
    public var declared: DeclaredLicense?
    /// Every LICENSE*, USE_POLICY*, NOTICE* and similar file, identified.
    public var files: [LicenseFileAnalysis]
    /// Licenses of declared base models, by model id (catalog ids), when a lineage source knows them.
    /// Empty offline; L5 then falls back to the publishers whose license is fixed.
    public var baseModelLicenses: [String: String]
    /// Licences the card's text states for the model ("requires adherence to Apache 2.0 and the Community License for
    /// Baichuan2 Model"), resolved against the catalog. The most restrictive licence that covers the weights governs,
    /// so one of these can govern over a more open LICENSE file.
    public var statedInCard: [DeclaredLicense]

    public init(
        catalogVersion: String, declared: DeclaredLicense?, files: [LicenseFileAnalysis], baseModelLicenses: [String: String] = [:],
        statedInCard: [DeclaredLicense] = []
    ) {
        self.catalogVersion = catalogVersion
        self.declared = declared
        self.files = files
        self.baseModelLicenses = baseModelLicenses
        self.statedInCard = statedInCard
    }

    /// A licence the card's text states that is more restrictive than every identified licence text (and than the
    /// declaration, when there is no text): it governs.
    public var stricterCardStatement: DeclaredLicense? {
        let texts = licenseTexts.compactMap(\.grade)
        let floor = texts.max() ?? declared?.grade
        guard let floor else { return nil }
        return statedInCard.filter { ($0.grade ?? .a) > floor }.max { ($0.grade ?? .a) < ($1.grade ?? .a) }
    }

    /// License texts (not policies or notices) that were identified or read.
    public var licenseTexts: [LicenseFileAnalysis] { files.filter { $0.role == .license } }
}

/// A declaration in the card metadata and the catalog entry it names, if any.
public struct DeclaredLicense: Sendable, Equatable {
    public var tag: Located<String>
    public var licenseName: Located<String>?
    public var catalogID: String?
    public var name: String?
    public var family: String?
    public var grade: OpennessGrade?
    public var expressionID: String?
    /// Whether the catalog holds this license's text, so that a file can be confirmed against it.
    public var hasReferenceText: Bool
    /// The catalog's terms for the declared license, as short phrases, for when no text is shipped.
    public var catalogTerms: [String]
    /// Stated in the card's text ("distributed under the Apache 2.0 license") rather than its metadata: tools that read
    /// only the metadata do not see it.
    public var inCardText: Bool = false

    public init(
        tag: Located<String>, licenseName: Located<String>?, catalogID: String?, name: String?, family: String?, grade: OpennessGrade?,
        expressionID: String?, hasReferenceText: Bool = false, catalogTerms: [String] = []
    ) {
        self.hasReferenceText = hasReferenceText
        self.catalogTerms = catalogTerms
        self.tag = tag
        self.licenseName = licenseName
        self.catalogID = catalogID
        self.name = name
        self.family = family
        self.grade = grade
        self.expressionID = expressionID
    }
}

/// One license-related file and what the matcher made of it.
public struct LicenseFileAnalysis: Sendable, Equatable {
    public enum Verdict: String, Sendable, Codable {
        /// The normalised text is exactly a catalog text.
        case exact
        /// Close to a catalog text, with differences listed in `added` and `removed`.
        case variant
        /// Not close enough to any catalog text to say.
        case unknown
    }

    public enum Role: String, Sendable, Codable {
        case license
        case policy
        case notice
        /// The licence of the code only (`LICENSE-CODE`, `CODE_LICENSE`): it does not cover the weights, so it is never
        /// graded as the model's licence (issue 13: sd3.5's MIT code licence was graded as its model licence).
        case code

        /// The role a file name suggests: `USE_POLICY.md` is a policy, `NOTICE` a notice, `LICENSE-CODE` the code's
        /// licence, the rest licenses (`MODEL_LICENSE`, `LICENSE_weights` and plain `LICENSE` included).
        public init(path: String) {
            let lower = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
            let stem = lower.split(separator: ".").first.map(String.init) ?? lower
            if lower.utf8Contains("policy") || lower.utf8Contains("acceptable_use") || lower.utf8Contains("responsible_use") {
                self = .policy
            } else if lower.hasPrefix("notice") {
                self = .notice
            } else if stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).contains("code") {
                self = .code
            } else {
                self = .license
            }
        }
    }

    public var path: String
    public var role: Role
    public var verdict: Verdict
    public var catalogID: String?
    public var name: String?
    public var family: String?
    public var expressionID: String?
    /// The grade: the catalog's for an exact match; for a variant, the catalog's made worse by what
    /// the variant's own text says.
    public var grade: OpennessGrade?
    /// Sørensen-Dice similarity of word bigrams to the nearest catalog text (0-1).
    public var similarity: Double
    /// Share of the nearest catalog text's bigrams found in this file (0-1).
    public var containment: Double
    /// The nearest catalog text, also when the verdict is unknown.
    public var nearestID: String?
    public var added: [DiffPassage]
    public var removed: [DiffPassage]
    /// True when the differences could not be listed (too many).
    public var diffTruncated: Bool
    public var terms: [LicenseTerm]
    public var tokenCount: Int
    public var problem: String?
    /// Identified by its title alone (`verdict` is variant): the catalog knows the licence by name but holds no text of it.
    public var byTitle: Bool = false
    /// Identified by a statement on this line (`verdict` is variant): the file states licences in prose instead of
    /// holding a licence text.
    public var statedOn: Int?
    /// The first line of a text appended after the licence itself (the third-party licences of components, "This
    /// project is … subject to the following licenses:"): not the model's own terms.
    public var appendedFrom: Int?
    /// The clauses found in the appended text, with their lines: whose terms they are is said apart from `terms`.
    public var appendedTerms: [LicenseTerm] = []

    public init(
        path: String, role: Role, verdict: Verdict, catalogID: String? = nil, name: String? = nil, family: String? = nil,
        expressionID: String? = nil, grade: OpennessGrade? = nil, similarity: Double = 0, containment: Double = 0, nearestID: String? = nil,
        added: [DiffPassage] = [], removed: [DiffPassage] = [], diffTruncated: Bool = false, terms: [LicenseTerm] = [], tokenCount: Int = 0,
        problem: String? = nil
    ) {
        self.path = path
        self.role = role
        self.verdict = verdict
        self.catalogID = catalogID
        self.name = name
        self.family = family
        self.expressionID = expressionID
        self.grade = grade
        self.similarity = similarity
        self.containment = containment
        self.nearestID = nearestID
        self.added = added
        self.removed = removed
        self.diffTruncated = diffTruncated
        self.terms = terms
        self.tokenCount = tokenCount
        self.problem = problem
    }
}

/// Words present on one side of a diff: added ones with this file's lines, removed ones with the
/// catalog text's lines.
public struct DiffPassage: Sendable, Equatable, Codable {
    public var text: String
    public var lineStart: Int
    public var lineEnd: Int
    public var words: Int

    public init(text: String, lineStart: Int, lineEnd: Int, words: Int) {
        self.text = text
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.words = words
    }
}

/// A clause read from a license text, with its line.
public struct LicenseTerm: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A user or revenue cap; `value` is the number, `metric` what it counts.
        case threshold
        case nonCommercial = "non-commercial"
        case researchOnly = "research-only"
        /// A name or phrase that must be shown ("Built with Llama") or prefixed to derivative names.
        case attribution
        case namePrefix = "name-prefix"
        /// An acceptable-use policy made part of the license; `value` is its URL when given.
        case acceptableUsePolicy = "acceptable-use-policy"
        case fieldOfUseBan = "field-of-use-ban"
        case outputTrainingBan = "output-training-ban"
        case territoryExclusion = "territory-exclusion"
        case governingLaw = "governing-law"
        /// The licensor can restrict use or change terms unilaterally.
        case unilateralChange = "unilateral-change"
    }

    public var kind: Kind
    public var value: String?
    public var metric: String?
    public var line: Int
    public var snippet: String

    public init(kind: Kind, value: String?, metric: String?, line: Int, snippet: String) {
        self.kind = kind
        self.value = value
        self.metric = metric
        self.line = line
        self.snippet = snippet
    }
}
