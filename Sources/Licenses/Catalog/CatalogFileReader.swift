import TrustmarkCore

/// Reads `catalog.json` with Trustmark's own JSON parser into the catalog's values.
///
/// Why not `JSONDecoder`: decoding this 110 KB file through `Codable` cost about 5 ms of every start-up (generic
/// metadata and protocol-conformance lookups, not parsing); reading the parsed tree by hand costs a fraction of that.
/// The file is ours, built by `scripts/build-license-catalog.py`; a field of the wrong type is an error that names it.
enum CatalogFileReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ bytes: [UInt8]) throws -> (version: String, entries: [LicenseCatalog.Entry]) {
        let root = try JSONParser.parse(bytes)
        let version = try required(root, "version", \.string)
        guard let licenses = root["licenses"]?.elements else { throw Failure(description: "catalog.json: no licenses array") }
        return (version, try licenses.map(entry))
    }

    static func entry(_ node: JSONNode) throws -> LicenseCatalog.Entry {
        let id = try required(node, "id", \.string)
        guard let grade = OpennessGrade(rawValue: try required(node, "grade", \.string)) else {
            throw Failure(description: "catalog.json: \(id) has an unknown grade")
        }
        let terms = try node["terms"].map(self.terms) ?? CatalogTerms()
        let texts = try (node["texts"]?.elements ?? []).map { text in
            LicenseCatalog.TextReference(
                key: try required(text, "key", \.string), role: try required(text, "role", \.string), file: try required(text, "file", \.string),
                sha256: try required(text, "sha256", \.string), tokens: try required(text, "tokens", \.int))
        }
        return LicenseCatalog.Entry(
            id: id, name: try required(node, "name", \.string), family: try required(node, "family", \.string), spdx: node["spdx"]?.string,
            licenseRef: node["licenseRef"]?.string, hubTags: strings(node["hubTags"]), licenseNames: strings(node["licenseNames"]),
            versionDate: node["versionDate"]?.string, grade: grade, osiApproved: node["osiApproved"]?.bool ?? false,
            osaidTermsOK: node["osaidTermsOK"]?.bool ?? false, terms: terms, confidence: node["confidence"]?.string ?? "", texts: texts)
    }

    static func terms(_ node: JSONNode) throws -> CatalogTerms {
        CatalogTerms(
            commercialUse: node["commercial_use"]?.string,
            thresholds: try node["thresholds"]?.elements?.map { threshold in
                CatalogTerms.Threshold(
                    metric: try required(threshold, "metric", \.string), value: threshold["value"]?.double, effect: threshold["effect"]?.string)
            },
            fieldOfUseRestrictions: node["field_of_use_restrictions"]?.elements.map { $0.compactMap(\.string) },
            outputsForTraining: node["outputs_for_training"]?.string, derivativePropagation: node["derivative_propagation"]?.string,
            territoryRestrictions: node["territory_restrictions"]?.elements.map { $0.compactMap(\.string) },
            governingLaw: node["governing_law"]?.string)
    }

    private static func strings(_ node: JSONNode?) -> [String] { node?.elements?.compactMap(\.string) ?? [] }

    private static func required<T>(_ node: JSONNode, _ key: String, _ value: (JSONNode) -> T?) throws -> T {
        guard let member = node[key], let result = value(member) else {
            throw Failure(description: "catalog.json: \(node["id"]?.string.map { "\($0): " } ?? "")\(key) is missing or of the wrong type")
        }
        return result
    }
}
