/// What the Hub says about a repository beyond its files: access, popularity, dates and lineage. These
/// are metadata evidence — each value is read from the model-info response at a JSON pointer — and they
/// are reported, not scored (downloads say nothing about transparency).
public struct HubFacts: Sendable, Equatable {
    public var repository: String
    /// `false`, `"auto"` or `"manual"`, as the Hub spells it.
    public var gated: String?
    public var isPrivate: Bool?
    /// Downloads in the last 30 days (the Hub's rolling window).
    public var downloads: UInt64?
    public var likes: UInt64?
    public var createdAt: String?
    public var lastModified: String?
    /// The parents: `baseModels.models` from the expanded info when present, else `cardData.base_model`.
    public var baseModels: [String]
    /// `finetune`, `adapter`, `quantized` or `merge`, as the Hub records the relation.
    public var baseModelRelation: String?
    public var downloadsAllTime: UInt64?
    /// Models that name this one as their base.
    public var childrenModelCount: UInt64?
    /// Files the Hub's own scanners (pickle imports, malware) reported, from `securityRepoStatus`.
    public var securityFilesWithIssues: [String]?
    /// Where each value came from: a saved response and a JSON pointer in it (`api/model-info.json#/downloads`).
    public var pointers: [String: String]

    public init(repository: String, gated: String? = nil, isPrivate: Bool? = nil, downloads: UInt64? = nil, likes: UInt64? = nil, createdAt: String? = nil,
                lastModified: String? = nil, baseModels: [String] = [], baseModelRelation: String? = nil, downloadsAllTime: UInt64? = nil,
                childrenModelCount: UInt64? = nil, securityFilesWithIssues: [String]? = nil, pointers: [String: String] = [:]) {
        self.repository = repository
        self.gated = gated
        self.isPrivate = isPrivate
        self.downloads = downloads
        self.likes = likes
        self.createdAt = createdAt
        self.lastModified = lastModified
        self.baseModels = baseModels
        self.baseModelRelation = baseModelRelation
        self.downloadsAllTime = downloadsAllTime
        self.childrenModelCount = childrenModelCount
        self.securityFilesWithIssues = securityFilesWithIssues
        self.pointers = pointers
    }

    /// Reads the facts out of the model-info response and, when they were fetched, the expanded and
    /// security-status responses.
    public init(repository: String, modelInfo json: JSONNode, expanded: JSONNode? = nil, security: JSONNode? = nil) {
        self.init(repository: repository)
        let info = "api/model-info.json#"
        func note(_ key: String, _ pointer: String) { pointers[key] = pointer }
        if let node = json["gated"] {
            gated = node.bool.map { $0 ? "true" : "false" } ?? node.string
            note("gated", info + "/gated")
        }
        if let value = json["private"]?.bool { isPrivate = value; note("private", info + "/private") }
        if let value = json["downloads"]?.uint64 { downloads = value; note("downloads", info + "/downloads") }
        if let value = json["likes"]?.uint64 { likes = value; note("likes", info + "/likes") }
        if let value = json["createdAt"]?.string { createdAt = value; note("createdAt", info + "/createdAt") }
        if let value = json["lastModified"]?.string { lastModified = value; note("lastModified", info + "/lastModified") }
        if let base = json["cardData"]?["base_model"] {
            baseModels = base.string.map { [$0] } ?? (base.elements ?? []).compactMap(\.string)
            if !baseModels.isEmpty { note("baseModels", info + "/cardData/base_model") }
        }
        let expand = "api/model-expand.json#"
        if let expanded {
            if let value = expanded["downloadsAllTime"]?.uint64 { downloadsAllTime = value; note("downloadsAllTime", expand + "/downloadsAllTime") }
            if let value = expanded["childrenModelCount"]?.uint64 { childrenModelCount = value; note("childrenModelCount", expand + "/childrenModelCount") }
            if let relation = expanded["baseModels"]?["relation"]?.string {
                baseModelRelation = relation
                note("baseModelRelation", expand + "/baseModels/relation")
            }
            let parents = (expanded["baseModels"]?["models"]?.elements ?? []).compactMap { $0["id"]?.string }
            if !parents.isEmpty {
                baseModels = parents
                note("baseModels", expand + "/baseModels/models")
            }
        }
        if let status = security?["securityRepoStatus"] {
            securityFilesWithIssues = (status["filesWithIssues"]?.elements ?? []).compactMap { $0["path"]?.string ?? $0.string }
            note("securityFilesWithIssues", "api/model-security.json#/securityRepoStatus/filesWithIssues")
        }
    }
}
