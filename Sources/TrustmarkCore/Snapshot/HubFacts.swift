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
    /// `cardData.base_model`, a string or a list.
    public var baseModels: [String]
    /// Where each value came from in `api/model-info.json`.
    public var pointers: [String: String]

    public init(repository: String, gated: String? = nil, isPrivate: Bool? = nil, downloads: UInt64? = nil, likes: UInt64? = nil, createdAt: String? = nil,
                lastModified: String? = nil, baseModels: [String] = [], pointers: [String: String] = [:]) {
        self.repository = repository
        self.gated = gated
        self.isPrivate = isPrivate
        self.downloads = downloads
        self.likes = likes
        self.createdAt = createdAt
        self.lastModified = lastModified
        self.baseModels = baseModels
        self.pointers = pointers
    }

    /// Reads the facts out of a model-info response.
    public init(repository: String, modelInfo json: JSONNode) {
        self.init(repository: repository)
        func note(_ key: String, _ pointer: String) { pointers[key] = pointer }
        if let node = json["gated"] {
            gated = node.bool.map { $0 ? "true" : "false" } ?? node.string
            note("gated", "/gated")
        }
        if let value = json["private"]?.bool { isPrivate = value; note("private", "/private") }
        if let value = json["downloads"]?.uint64 { downloads = value; note("downloads", "/downloads") }
        if let value = json["likes"]?.uint64 { likes = value; note("likes", "/likes") }
        if let value = json["createdAt"]?.string { createdAt = value; note("createdAt", "/createdAt") }
        if let value = json["lastModified"]?.string { lastModified = value; note("lastModified", "/lastModified") }
        if let base = json["cardData"]?["base_model"] {
            baseModels = base.string.map { [$0] } ?? (base.elements ?? []).compactMap(\.string)
            if !baseModels.isEmpty { note("baseModels", "/cardData/base_model") }
        }
    }
}
