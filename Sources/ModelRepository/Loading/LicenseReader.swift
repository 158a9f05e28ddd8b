import Licenses
import TrustmarkCore

/// Identifies a repository's license files and resolves the card's declaration against the catalog.
enum LicenseReader {
    static func analyse(files: [RepositoryFile], documents: [String: TextDocument], card: ModelCard?, matcher: LicenseMatcher) -> LicenseAnalysis {
        let analysed = files.filter { $0.kind == .license && !$0.path.utf8Contains("/") }.compactMap { file -> LicenseFileAnalysis? in
            guard let document = documents[file.path] else { return nil }
            return matcher.identify(document, role: LicenseFileAnalysis.Role(path: file.path))
        }
        var declared: DeclaredLicense?
        if let tag = card?.metadata.license {
            let name = card?.metadata.licenseName
            let entry = matcher.catalog.resolve(tag: tag.value, licenseName: name?.value)
            declared = DeclaredLicense(
                tag: tag, licenseName: name, catalogID: entry?.id, name: entry?.name, family: entry?.family, grade: entry?.grade,
                expressionID: entry?.expressionID, hasReferenceText: !(entry?.texts.isEmpty ?? true), catalogTerms: entry?.terms.summary ?? [])
        } else if let card, let (entry, line) = matcher.catalog.statementsInText(card).first {
            declared = DeclaredLicense(
                tag: line, licenseName: nil, catalogID: entry.id, name: entry.name, family: entry.family, grade: entry.grade,
                expressionID: entry.expressionID, hasReferenceText: !entry.texts.isEmpty, catalogTerms: entry.terms.summary)
            declared?.inCardText = true
        }
        let stated = card.map { matcher.catalog.statementsInText($0) } ?? []
        let statements = stated.map { entry, line in
            var statement = DeclaredLicense(
                tag: line, licenseName: nil, catalogID: entry.id, name: entry.name, family: entry.family, grade: entry.grade,
                expressionID: entry.expressionID, hasReferenceText: !entry.texts.isEmpty, catalogTerms: entry.terms.summary)
            statement.inCardText = true
            return statement
        }
        return LicenseAnalysis(catalogVersion: matcher.catalog.version, declared: declared, files: analysed, statedInCard: statements)
    }
}
