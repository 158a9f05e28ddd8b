/// Evidence builders shared by the license probes.
extension LicenseFileAnalysis {
    /// The file, narrowed to the first difference from the catalog text when there is one.
    var evidence: Evidence {
        if let passage = added.first ?? removed.first, verdict == .variant {
            let side = added.first != nil ? "added" : "removed (catalog text line \(passage.lineStart))"
            if added.first != nil {
                return .lines(path, passage.lineStart, passage.lineEnd, snippet: "\(side): \(passage.text)")
            }
            return Evidence(kind: .file, path: path, snippet: "\(side): \(passage.text)")
        }
        return .file(path, snippet: verdict == .unknown ? "not identified" : "\(verdict.rawValue): \(name ?? "?")")
    }

    /// "Llama 3.1 Community License Agreement (exact)" or "a variant of ... (+12 −3 words)".
    var summary: String {
        switch verdict {
        case .exact:
            return
                "\(name ?? "?") (exact text\(appendedFrom.map { "; other licences appended from line \($0), for components, are not the model's terms" } ?? ""))"
        case .variant where statedOn != nil: return "\(name ?? "?") (stated on line \(statedOn!), not a licence text)"
        case .variant where byTitle: return "\(name ?? "?") (identified by its title; the catalog holds no text to compare)"
        case .variant:
            let plus = added.reduce(0) { $0 + $1.words }
            let minus = removed.reduce(0) { $0 + $1.words }
            return "a modified \(name ?? "?") (+\(plus) −\(minus) words\(diffTruncated ? ", too many changes to list" : ""))"
        case .unknown: return "a text Trustmark does not recognise"
        }
    }
}

extension DeclaredLicense {
    var evidence: [Evidence] { [tag.evidence] + (licenseName.map { [$0.evidence] } ?? []) }
    var shown: String { licenseName.map { "\(tag.value) / \($0.value)" } ?? tag.value }
}

extension Snapshot {
    /// License texts (not policies or notices) with what the matcher made of them.
    var licenseTexts: [LicenseFileAnalysis] { licenses?.licenseTexts ?? [] }
}
