/// Which classes of evidence a rating saw. A rating is only as good as what it could look at: a folder of configs
/// without weights, or a card without its licence text, is rated on what it holds, and says so — the grade is capped
/// (the partial-evidence gate) and framework labels do not judge what is absent from a partial folder.
public struct EvidenceSeen: Sendable, Equatable {
    /// A model card (README.md).
    public var card: Bool
    /// A licence text (LICENSE*), not only a declaration.
    public var licenseText: Bool
    /// `config.json`.
    public var config: Bool
    /// Weight files, read at least to their headers.
    public var weights: Bool
    /// Every shard a shard index names is among the files (false for a partial download).
    public var allShards: Bool
    /// The files are the whole repository (a complete Hub or ModelScope listing), so what is absent was not published.
    public var wholeRepository: Bool

    public init(card: Bool, licenseText: Bool, config: Bool, weights: Bool, allShards: Bool = true, wholeRepository: Bool) {
        self.card = card
        self.licenseText = licenseText
        self.config = config
        self.weights = weights
        self.allShards = allShards
        self.wholeRepository = wholeRepository
    }

    public init(_ snapshot: Snapshot) {
        self.init(
            card: snapshot.card != nil, licenseText: !(snapshot.licenses?.licenseTexts.isEmpty ?? true), config: snapshot.config != nil,
            weights: !snapshot.weights.files.isEmpty, allShards: snapshot.missingShards.isEmpty, wholeRepository: snapshot.listsWholeRepository)
    }

    /// What is missing, in words, for reports ("no weights, no licence text").
    public var missing: [String] {
        [
            card ? nil : "no model card", licenseText ? nil : "no licence text", config ? nil : "no config.json",
            weights ? (allShards ? nil : "shards missing") : "no weights",
        ]
        .compactMap { $0 }
    }
}
