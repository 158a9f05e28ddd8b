/// Facts from a Transformers-style config file (`config.json`, `tokenizer_config.json`, ...).
public struct ModelConfig: Sendable, Equatable {
    public var path: String
    public var architectures: [Located<String>] = []
    public var modelType: Located<String>?
    public var hiddenSize: Located<Int>?
    public var layerCount: Located<Int>?
    public var vocabularySize: Located<Int>?
    /// `max_position_embeddings` (or an equivalent such as `n_positions`, `seq_length`).
    public var contextLength: Located<Int>?
    public var ropeScalingFactor: Located<Double>?
    public var expertCount: Located<Int>?
    public var expertsPerToken: Located<Int>?
    public var quantizationMethod: Located<String>?
    public var torchDtype: Located<String>?
    /// `auto_map` entries: class role -> `module.Class` or `org/repo--module.Class`.
    public var autoMap: [Located<String>] = []
    public var hasChatTemplate: Located<Bool>?
    /// `base_model_name_or_path` of an adapter config.
    public var baseModelReference: Located<String>?
    /// The file is not valid JSON, or not an object.
    public var problem: CardProblem?

    public init(path: String) { self.path = path }
}
