extension ModelFacts {
    /// Headline facts read off a snapshot; the probes check them, this only reports them.
    public init(_ snapshot: Snapshot) {
        let config = snapshot.config
        self.init(
            parameters: snapshot.weights.parameterCount,
            parametersByDtype: snapshot.weights.parametersByDtype,
            architectures: config?.architectures.map(\.value) ?? [],
            modelType: config?.modelType?.value,
            contextLength: config?.contextLength?.value,
            experts: config?.expertCount?.value,
            expertsPerToken: config?.expertsPerToken?.value,
            hasChatTemplate: ([config].compactMap { $0 } + snapshot.auxiliaryConfigs).contains { $0.hasChatTemplate?.value == true }
                || snapshot.files.contains { $0.name.lowercased().hasPrefix("chat_template") },
            weightFormats: snapshot.weights.formats.map(\.rawValue).sorted(),
            license: snapshot.card?.metadata.license?.value,
            licenseID: ModelFacts.governingLicense(snapshot)?.id,
            licenseGrade: ModelFacts.governingLicense(snapshot)?.grade.rawValue,
            baseModels: snapshot.card?.metadata.baseModels.map(\.value) ?? [],
            fileCount: snapshot.files.count,
            totalBytes: snapshot.files.reduce(0) { $0 &+ $1.size },
            unhashedFiles: snapshot.files.filter { $0.sha256 == nil }.count,
            hub: snapshot.hub
        )
    }

    /// The most restrictive identified license text, else the resolved declaration.
    static func governingLicense(_ snapshot: Snapshot) -> (id: String, grade: OpennessGrade)? {
        if let stated = snapshot.licenses?.stricterCardStatement, let grade = stated.grade {
            return (stated.expressionID ?? stated.tag.value, grade)
        }
        let texts = (snapshot.licenses?.licenseTexts ?? []).filter { $0.grade != nil }
        if let text = texts.max(by: { ($0.grade ?? .a) < ($1.grade ?? .a) }), let grade = text.grade {
            return (text.expressionID ?? text.catalogID.map { "variant of \($0)" } ?? "unknown", grade)
        }
        if let declared = snapshot.licenses?.declared, let grade = declared.grade {
            return (declared.expressionID ?? declared.tag.value, grade)
        }
        return nil
    }
}
