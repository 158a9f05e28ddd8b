/// What the Hub says about a repository beyond its files: access, popularity, dates and lineage. These
/// are metadata evidence — each value is read from the model-info response at a JSON pointer — and they
/// are reported, not scored (downloads say nothing about transparency).
public struct HubFacts: Sendable, Equatable {
    /// `huggingface` or `modelscope`: download counts and likes follow each platform's own rules, so they
    /// are never compared across platforms.
    public var platform: String = "huggingface"
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

    public init(
        repository: String, gated: String? = nil, isPrivate: Bool? = nil, downloads: UInt64? = nil, likes: UInt64? = nil, createdAt: String? = nil,
        lastModified: String? = nil, baseModels: [String] = [], baseModelRelation: String? = nil, downloadsAllTime: UInt64? = nil,
        childrenModelCount: UInt64? = nil, securityFilesWithIssues: [String]? = nil, pointers: [String: String] = [:]
    ) {
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
        if let value = json["private"]?.bool {
            isPrivate = value
            note("private", info + "/private")
        }
        if let value = json["downloads"]?.uint64 {
            downloads = value
            note("downloads", info + "/downloads")
        }
        if let value = json["likes"]?.uint64 {
            likes = value
            note("likes", info + "/likes")
        }
        if let value = json["createdAt"]?.string {
            createdAt = value
            note("createdAt", info + "/createdAt")
        }
        if let value = json["lastModified"]?.string {
            lastModified = value
            note("lastModified", info + "/lastModified")
        }
        if let base = json["cardData"]?["base_model"] {
            baseModels = base.string.map { [$0] } ?? (base.elements ?? []).compactMap(\.string)
            if !baseModels.isEmpty { note("baseModels", info + "/cardData/base_model") }
        }
        let expand = "api/model-expand.json#"
        if let expanded {
            if let value = expanded["downloadsAllTime"]?.uint64 {
                downloadsAllTime = value
                note("downloadsAllTime", expand + "/downloadsAllTime")
            }
            if let value = expanded["childrenModelCount"]?.uint64 {
                childrenModelCount = value
                note("childrenModelCount", expand + "/childrenModelCount")
            }
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

    /// Reads the facts out of ModelScope's model info (`{"Code":…,"Data":{…}}`). ModelScope's `Downloads`
    /// counts since creation (it only grows), so it is reported as all-time downloads; `Visibility` 5 is public,
    /// 1 private and 3 internal; dates are unix seconds. ModelScope records no base-model relation.
    public init(repository: String, modelScopeInfo json: JSONNode) {
        self.init(repository: repository)
        platform = "modelscope"
        let info = "api/model-info.json#/Data"
        let data = json["Data"] ?? json
        func note(_ key: String, _ pointer: String) { pointers[key] = info + pointer }
        if let visibility = data["Visibility"]?.uint64 {
            isPrivate = visibility != 5
            note("private", "/Visibility")
        }
        if let value = data["Downloads"]?.uint64 {
            downloadsAllTime = value
            note("downloadsAllTime", "/Downloads")
        }
        for key in ["Stars", "Likes"] {
            if likes == nil, let value = data[key]?.uint64 {
                likes = value
                note("likes", "/" + key)
            }
        }
        if let value = data["CreatedTime"]?.uint64 {
            createdAt = HubFacts.isoDate(value)
            note("createdAt", "/CreatedTime")
        }
        if let value = data["LastUpdatedTime"]?.uint64 {
            lastModified = HubFacts.isoDate(value)
            note("lastModified", "/LastUpdatedTime")
        }
    }

    /// Unix seconds as `2025-01-20T09:59:54Z`, computed without a calendar so it is the same everywhere.
    public static func isoDate(_ seconds: UInt64) -> String {
        let days = Int64(seconds / 86_400), rest = Int64(seconds % 86_400)
        // Howard Hinnant's days-from-civil inverse.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}
