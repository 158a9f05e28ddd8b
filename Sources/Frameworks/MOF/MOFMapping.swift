import TrustmarkCore

/// Which MOF components a rated repository shows, and why: each comes from a check that passed, so the
/// model file Trustmark writes is a view of the rating's findings. The release licence is the licence
/// Trustmark identified (an SPDX or LicenseRef id); components take it unless the evidence says otherwise.
public enum MOFMapping {
    public struct Mapped: Sendable {
        public var model: MOFModel
        /// The finding ids each component rests on.
        public var evidence: [MOFComponent: [String]]
    }

    public static func model(from rating: Rating, snapshot: Snapshot) -> Mapped {
        func passed(_ check: CheckID) -> [String] {
            rating.findings.filter { $0.check == check && $0.outcome == .pass }.map(\.id)
        }
        var evidence: [MOFComponent: [String]] = [:]
        let weights = rating.findings.filter { $0.check == .safeSerialization && $0.outcome != .absent && $0.outcome != .notApplicable }.map(\.id)
        if !snapshot.weights.files.isEmpty { evidence[.finalParameters] = weights.isEmpty ? ["files"] : weights }
        if let config = snapshot.config, !config.architectures.isEmpty {
            evidence[.modelArchitecture] = passed(.architecture).isEmpty ? ["config.json"] : passed(.architecture)
        }
        if snapshot.card != nil, !passed(.cardParses).isEmpty { evidence[.modelCard] = passed(.cardParses) }
        if !passed(.evaluationProvenance).isEmpty { evidence[.evaluationResults] = passed(.evaluationProvenance) }
        // Training data documented (named and linked) is a data card; it does not show the datasets themselves are
        // released under open licences, so Datasets is never claimed from it.
        if !passed(.trainingData).isEmpty { evidence[.dataCard] = passed(.trainingData) }
        // A linked paper or report: the technical report. Whether it is peer-reviewed (Research paper) is not decided here.
        if !passed(.technicalReport).isEmpty { evidence[.technicalReport] = passed(.technicalReport) }
        if snapshot.files.contains(where: { $0.kind == .code }) { evidence[.inferenceCode] = ["files"] }
        var model = MOFModel(
            name: rating.subject.name, producer: rating.subject.name.split(separator: "/").first.map(String.init) ?? rating.subject.name)
        if let license = rating.facts.licenseID { model.licenses["distribution"] = license }
        model.version = rating.subject.revision.map { String($0.prefix(12)) }
        model.architecture = rating.facts.architectures.isEmpty ? nil : "transformer"
        model.type = "language"
        if rating.subject.source == .hub || rating.subject.source == .huggingFaceCache {
            model.huggingface = "https://huggingface.co/" + rating.subject.name
        }
        model.components = evidence.keys.sorted().map { MOFModel.Component($0, description: "Trustmark: " + evidence[$0]!.joined(separator: ", ")) }
        return Mapped(model: model, evidence: evidence)
    }
}
