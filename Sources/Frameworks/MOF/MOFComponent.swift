/// The 17 components of the Model Openness Framework, with the ids, content types and classes of
/// the Model Openness Tool's `mof.settings.yml` (lfai/model_openness_tool @8b5d30e).
public enum MOFComponent: Int, CaseIterable, Sendable, Comparable {
    case trainingCode = 7
    case inferenceCode = 8
    case modelArchitecture = 9
    case finalParameters = 10
    case technicalReport = 11
    case evaluationResults = 12
    case modelCard = 13
    case dataCard = 14
    case datasets = 15
    case preprocessingCode = 16
    case modelMetadata = 17
    case evaluationCode = 18
    case evaluationData = 19
    case sampleOutputs = 20
    case researchPaper = 21
    case supportingTools = 22
    case intermediateParameters = 24

    public enum ContentType: String, Sendable { case code, data, document }

    public var name: String {
        switch self {
        case .modelArchitecture: return "Model architecture"
        case .finalParameters: return "Model parameters (Final)"
        case .technicalReport: return "Technical report"
        case .evaluationResults: return "Evaluation results"
        case .modelCard: return "Model card"
        case .dataCard: return "Data card"
        case .sampleOutputs: return "Sample model outputs"
        case .trainingCode: return "Training code"
        case .inferenceCode: return "Inference code"
        case .evaluationCode: return "Evaluation code"
        case .evaluationData: return "Evaluation data"
        case .supportingTools: return "Supporting libraries and tools"
        case .datasets: return "Datasets"
        case .preprocessingCode: return "Data preprocessing code"
        case .researchPaper: return "Research paper"
        case .intermediateParameters: return "Model parameters (Intermediate)"
        case .modelMetadata: return "Model metadata"
        }
    }

    public init?(name: String) {
        let trimmed = String(name.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()).lowercased()
        guard let found = MOFComponent.allCases.first(where: { $0.name.lowercased() == trimmed }) else { return nil }
        self = found
    }

    public var contentType: ContentType {
        switch self {
        case .modelArchitecture, .trainingCode, .inferenceCode, .evaluationCode, .supportingTools, .preprocessingCode: return .code
        case .finalParameters, .evaluationData, .datasets, .intermediateParameters, .modelMetadata: return .data
        case .technicalReport, .evaluationResults, .modelCard, .dataCard, .sampleOutputs, .researchPaper: return .document
        }
    }

    /// 3 = Class III Open Model, 2 = Class II Open Tooling, 1 = Class I Open Science.
    public var mofClass: Int {
        switch self {
        case .modelArchitecture, .finalParameters, .technicalReport, .evaluationResults, .modelCard, .dataCard, .sampleOutputs: return 3
        case .trainingCode, .inferenceCode, .evaluationCode, .evaluationData, .supportingTools: return 2
        case .datasets, .preprocessingCode, .researchPaper, .intermediateParameters, .modelMetadata: return 1
        }
    }

    /// Optional components never count toward a class.
    public var isRequired: Bool { ![.sampleOutputs, .supportingTools, .modelMetadata].contains(self) }

    public static func < (lhs: MOFComponent, rhs: MOFComponent) -> Bool { lhs.rawValue < rhs.rawValue }
}
