/// A parsed model card (`README.md`): Hub metadata from the YAML front matter and the Markdown body
/// as sections, links, tables and template placeholders, all with line numbers.
public struct ModelCard: Sendable, Equatable {
    public var document: TextDocument
    /// Lines of the front matter including its `---` fences; `nil` when the card has none.
    public var frontMatterLines: ClosedRange<Int>?
    public var metadata: CardMetadata
    /// Why the front matter could not be used, if it could not.
    public var metadataProblems: [CardProblem]
    public var sections: [CardSection]
    public var links: [CardLink]
    public var tables: [CardTable]
    /// Lines that still hold model-card template text such as `[More Information Needed]`.
    public var placeholderLines: [Int]
    /// The first line of the body after the front matter.
    public var bodyStartLine: Int

    public init(
        document: TextDocument, frontMatterLines: ClosedRange<Int>?, metadata: CardMetadata, metadataProblems: [CardProblem],
        sections: [CardSection], links: [CardLink], tables: [CardTable], placeholderLines: [Int], bodyStartLine: Int
    ) {
        self.document = document
        self.frontMatterLines = frontMatterLines
        self.metadata = metadata
        self.metadataProblems = metadataProblems
        self.sections = sections
        self.links = links
        self.tables = tables
        self.placeholderLines = placeholderLines
        self.bodyStartLine = bodyStartLine
    }

    public var path: String { document.path }

    /// The sections recognised as `kind`, in document order.
    public func sections(_ kind: SectionKind) -> [CardSection] { sections.filter { $0.kinds.contains(kind) } }

    /// Body lines (after the front matter), numbered.
    public var bodyLines: [(number: Int, text: Substring)] {
        let lines = document.lines
        guard bodyStartLine <= lines.count else { return [] }
        return (bodyStartLine...lines.count).map { ($0, lines[$0 - 1]) }
    }

    public func links(in section: CardSection) -> [CardLink] {
        links.filter { section.lineRange.contains($0.line) }
    }

    public func tables(in section: CardSection) -> [CardTable] {
        tables.filter { section.lineRange.contains($0.lineStart) }
    }
}

/// Hub metadata keys of the front matter (huggingface/hub-docs `modelcard.md`).
public struct CardMetadata: Sendable, Equatable {
    public var license: Located<String>?
    public var licenseName: Located<String>?
    public var licenseLink: Located<String>?
    public var baseModels: [Located<String>] = []
    public var baseModelRelation: Located<String>?
    public var datasets: [Located<String>] = []
    public var languages: [Located<String>] = []
    public var pipelineTag: Located<String>?
    public var libraryName: Located<String>?
    public var tags: [Located<String>] = []
    public var evaluationResults: [EvaluationResult] = []
    public var co2Emissions: Located<String>?
    /// Every top-level key, in order.
    public var keys: [Located<String>] = []

    public init() {}
}

/// One result of the `model-index` metadata.
public struct EvaluationResult: Sendable, Equatable {
    public var task: String?
    public var dataset: String?
    public var metric: String?
    public var value: String?
    /// `source.url`: where the result was published.
    public var sourceURL: String?
    /// A `verifyToken` shows the Hub itself ran the evaluation.
    public var verified: Bool
    public var line: Int

    public init(task: String?, dataset: String?, metric: String?, value: String?, sourceURL: String?, verified: Bool, line: Int) {
        self.task = task
        self.dataset = dataset
        self.metric = metric
        self.value = value
        self.sourceURL = sourceURL
        self.verified = verified
        self.line = line
    }
}

/// Something wrong with the card's metadata, at a line.
public struct CardProblem: Sendable, Equatable {
    public var message: String
    public var line: Int
    public init(message: String, line: Int) {
        self.message = message
        self.line = line
    }
}

/// A heading and the lines it governs (up to the next heading of the same or a higher level).
public struct CardSection: Sendable, Equatable {
    public var title: String
    public var level: Int
    public var line: Int
    public var endLine: Int
    /// What the heading is about; a heading like "Intended uses & limitations" is two kinds.
    public var kinds: Set<SectionKind>
    /// Words of prose that are not template text, comments or code.
    public var wordCount: Int
    /// Numbers, links, tables and code blocks: content a reader can check.
    public var specificItems: Int
    public var codeBlocks: Int
    public var placeholderLines: [Int]

    public init(
        title: String, level: Int, line: Int, endLine: Int, kinds: Set<SectionKind>, wordCount: Int, specificItems: Int,
        codeBlocks: Int, placeholderLines: [Int]
    ) {
        self.title = title
        self.level = level
        self.line = line
        self.endLine = endLine
        self.kinds = kinds
        self.wordCount = wordCount
        self.specificItems = specificItems
        self.codeBlocks = codeBlocks
        self.placeholderLines = placeholderLines
    }

    public var lineRange: ClosedRange<Int> { line...max(line, endLine) }
}

/// The sections the Hugging Face card template and the Model Card Guidebook ask for.
public enum SectionKind: String, Sendable, Codable, CaseIterable {
    case uses
    case outOfScope = "out-of-scope"
    case limitations
    case trainingData = "training-data"
    case trainingProcedure = "training-procedure"
    case evaluation
    case gettingStarted = "getting-started"
    case contact
    case citation
    case environmentalImpact = "environmental-impact"
    case modelDetails = "model-details"
    case changelog

    public var title: String {
        switch self {
        case .uses: return "Intended uses"
        case .outOfScope: return "Out-of-scope uses"
        case .limitations: return "Bias, risks and limitations"
        case .trainingData: return "Training data"
        case .trainingProcedure: return "Training procedure"
        case .evaluation: return "Evaluation"
        case .gettingStarted: return "How to get started"
        case .contact: return "Contact"
        case .citation: return "Citation"
        case .environmentalImpact: return "Environmental impact"
        case .modelDetails: return "Model details"
        case .changelog: return "Changelog"
        }
    }
}

/// A link in the card body or metadata, classified by what it points at.
public struct CardLink: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case arxiv
        case doi
        case github
        case hubDataset = "hub-dataset"
        /// A Hub collection (`huggingface.co/collections/…`): of datasets or of models, as its line says.
        case hubCollection = "hub-collection"
        case hubModel = "hub-model"
        case hubPaper = "hub-paper"
        case email
        case other
    }

    public var url: String
    public var text: String?
    public var line: Int
    public var kind: Kind
    /// Found in a citation entry (a BibTeX block's `url`, `eprint` or `journal` field): the work the card asks
    /// readers to cite, which is the model's own report.
    public var inCitation: Bool

    public init(url: String, text: String?, line: Int, kind: Kind, inCitation: Bool = false) {
        self.url = url
        self.text = text
        self.line = line
        self.kind = kind
        self.inCitation = inCitation
    }
}

/// A Markdown pipe table.
public struct CardTable: Sendable, Equatable {
    public var lineStart: Int
    public var lineEnd: Int
    public var columns: Int
    public var rows: Int
    /// Cells that hold a number.
    public var numericCells: Int

    public init(lineStart: Int, lineEnd: Int, columns: Int, rows: Int, numericCells: Int) {
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.columns = columns
        self.rows = rows
        self.numericCells = numericCells
    }
}
