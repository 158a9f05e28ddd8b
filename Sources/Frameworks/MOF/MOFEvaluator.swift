/// The Model Openness Tool's class and progress computation (`src/ModelEvaluator.php` and
/// `ModelUpdater::processComponentLicenses`), reproduced exactly, including its technical-report /
/// research-paper substitution. Research note `openness-frameworks.md` §1.3-1.4.
public enum MOFEvaluator {
    static func required(_ mofClass: Int) -> Set<MOFComponent> {
        Set(MOFComponent.allCases.filter { $0.isRequired && $0.mofClass == mofClass })
    }

    /// Required components of this class and every higher one.
    static func cumulative(_ mofClass: Int) -> Set<MOFComponent> {
        (mofClass...3).reduce(into: Set<MOFComponent>()) { $0.formUnion(required($1)) }
    }

    /// Component licence, else the release licence for its content type, else the distribution licence.
    static func resolveLicense(_ entry: MOFModel.Component, in model: MOFModel) -> String? {
        if let own = entry.license { return own }
        if let typed = model.licenses[entry.component.contentType.rawValue], !typed.isEmpty { return typed }
        if let distribution = model.licenses["distribution"], !distribution.isEmpty { return distribution }
        return nil
    }

    public static func evaluate(_ model: MOFModel) -> MOFResult {
        var statuses: [MOFComponent: (status: MOFResult.Status, license: String?)] = [:]
        var warnings: [MOFComponent] = []
        for component in MOFComponent.allCases { statuses[component] = (.missing, nil) }
        for entry in model.components {
            let license = resolveLicense(entry, in: model)
            let status: MOFResult.Status
            if let license, !license.isEmpty {
                status = MOFLicense.isOpen(license) ? .included : .invalid
                if status == .included, !MOFLicense.isAppropriate(license, for: entry.component.contentType) { warnings.append(entry.component) }
            } else {
                status = .unlicensed
            }
            statuses[entry.component] = (status, license)
        }

        // included[c]: required components of class c and above that are present under an open licence.
        var included: [Int: Set<MOFComponent>] = [:]
        for mofClass in 1...3 { included[mofClass] = cumulative(mofClass).filter { statuses[$0]?.status == .included } }
        let reportIncluded = statuses[.technicalReport]?.status == .included
        let paperStatus = statuses[.researchPaper]?.status ?? .missing
        // A research paper stands in for a missing technical report in classes III and II.
        if !reportIncluded, paperStatus != .missing, paperStatus == .included {
            included[3]?.insert(.researchPaper)
            included[2]?.insert(.researchPaper)
        }

        var progress: [Int: Double] = [:]
        for target in 1...3 {
            var total = 0, count = 0
            var brokeAbove = false
            for mofClass in stride(from: 3, through: target, by: -1) {
                total += required(mofClass).count
                count = included[mofClass]?.count ?? 0
                if count < total {
                    brokeAbove = mofClass > target
                    break
                }
            }
            if brokeAbove {
                progress[target] = 0
                continue
            }
            if target == 1, !reportIncluded, paperStatus == .included { total -= 1 }
            progress[target] = min(100, 100 * Double(count) / Double(total))
        }
        let mofClass = (1...3).first { progress[$0] == 100 } ?? 0
        return MOFResult(mofClass: mofClass, progress: progress, statuses: statuses, typeWarnings: warnings.sorted())
    }
}
