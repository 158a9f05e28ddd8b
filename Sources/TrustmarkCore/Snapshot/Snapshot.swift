/// Everything a rating may look at: one repository at one revision, read once.
///
/// Probes are pure functions of a snapshot, so the same snapshot and methodology always give the
/// same rating. Loaders (local folder, Hugging Face cache, single file, later the Hub) fill it in.
public struct Snapshot: Sendable {
    public var subject: Subject
    /// Every file, sorted by path.
    public var files: [RepositoryFile]
    /// Small text files that probes read (card, configs, licenses, code), keyed by path.
    public var documents: [String: TextDocument]
    public var card: ModelCard?
    public var config: ModelConfig?
    /// Configs whose `auto_map` can pull in repository code, besides `config.json`.
    public var auxiliaryConfigs: [ModelConfig]
    public var weights: WeightsInventory
    /// Static safety scans of every file that could carry code (pickles, archives, H5, unknown binaries).
    public var scans: [FileScanReport] = []
    /// For repositories read from the Hub: what its API says beyond the files.
    public var hub: HubFacts?
    /// License files identified against the catalog, and the card's declaration resolved.
    public var licenses: LicenseAnalysis?
    /// Files that could not be read or were skipped by policy; they lower coverage, never a score silently.
    public var problems: [ReadProblem]

    public init(
        subject: Subject, files: [RepositoryFile], documents: [String: TextDocument] = [:], card: ModelCard? = nil,
        config: ModelConfig? = nil, auxiliaryConfigs: [ModelConfig] = [], weights: WeightsInventory = WeightsInventory(),
        licenses: LicenseAnalysis? = nil, problems: [ReadProblem] = []
    ) {
        self.licenses = licenses
        self.subject = subject
        self.files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        self.documents = documents
        self.card = card
        self.config = config
        self.auxiliaryConfigs = auxiliaryConfigs
        self.weights = weights
        self.problems = problems
    }

    /// The file at `path`: a binary search, as `files` is sorted by path bytes (probes look files up in loops).
    public func file(_ path: String) -> RepositoryFile? {
        let key = Array(path.utf8)
        var low = 0, high = files.count
        while low < high {
            let middle = (low + high) / 2
            if files[middle].path.utf8.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        return low < files.count && files[low].path == path ? files[low] : nil
    }

    public func files(of kind: FileKind) -> [RepositoryFile] { files.filter { $0.kind == kind } }

    /// Shards that a shard index names but the files do not hold (a partial download, or a broken repository when the
    /// listing is whole): with any, the weights present are a part, and counts read from them are lower bounds.
    public var missingShards: [String] {
        let present = Set(files.map(\.path))
        return weights.indexes.flatMap { index in index.shards.map { index.folder + $0 }.filter { !present.contains($0) } }
    }

    /// Whether `files` is the whole repository: a complete Hub or ModelScope listing. A local folder or cache may hold
    /// only part of one (configs without weights, some shards), so there what is absent is "not in these files", not
    /// "not published" — missing is not negative.
    public var listsWholeRepository: Bool {
        (subject.source == .hub || subject.source == .modelScope) && !problems.contains { $0.incompleteListing == true }
    }
}

/// What is being rated.
public struct Subject: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable {
        case folder
        case huggingFaceCache = "hf-cache"
        case file
        /// Read from the Hugging Face Hub (or a mirror) through its API and range requests.
        case hub
        /// Read from ModelScope through its API and range requests.
        case modelScope = "modelscope"
        /// A model folder in the ModelScope cache (`~/.cache/modelscope/hub/models/owner/name`).
        case modelScopeCache = "ms-cache"
    }

    /// `org/name` when known, otherwise the folder or file name.
    public var name: String
    /// The commit the files come from, when the source records one.
    public var revision: String?
    /// `sha256:<hex>` over every file's digest (see docs/json-schema.md); `nil` when a file was not hashed.
    public var digest: String?
    public var source: Source

    public init(name: String, revision: String?, digest: String?, source: Source) {
        self.name = name
        self.revision = revision
        self.digest = digest
        self.source = source
    }
}

/// A file could not be read, or was not read on purpose.
public struct ReadProblem: Sendable, Equatable, Codable {
    public var path: String
    public var message: String

    /// The file listing itself is incomplete here (the server cut it short, or a file limit was reached), so
    /// checks that look for the absence of a kind of file cannot be sure. Nil means false.
    public var incompleteListing: Bool?

    public init(path: String, message: String, incompleteListing: Bool? = nil) {
        self.path = path
        self.message = message
        self.incompleteListing = incompleteListing
    }
}
