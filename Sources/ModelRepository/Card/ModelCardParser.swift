import TrustmarkCore
import Yams

/// Parses a model card: YAML front matter into Hub metadata (with line numbers), the body into an
/// outline. Hostile input is bounded: the front matter is capped in size, YAML nesting in depth,
/// and alias expansion by a node budget, so "billion laughs" is an error, not a hang.
public enum ModelCardParser {
    public static let maxFrontMatterBytes = 512 * 1024
    public static let maxYAMLNodes = 50_000
    public static let maxYAMLDepth = 64

    public static func parse(_ document: TextDocument) -> ModelCard {
        var problems: [CardProblem] = []
        var metadata = CardMetadata()
        var fence: ClosedRange<Int>?
        var bodyStart = 1

        let lines = document.lines
        if let first = lines.first, first.trimmingSpaces() == "---" || first == "\u{FEFF}---" {
            if let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingSpaces() == "---" || lines[$0].trimmingSpaces() == "..." }) {
                fence = 1...(close + 1)
                bodyStart = close + 2
                let yaml = lines[1..<close].joined(separator: "\n")
                if yaml.utf8.count > maxFrontMatterBytes {
                    problems.append(
                        CardProblem(message: "the metadata block is \(yaml.utf8.count) bytes, over the \(maxFrontMatterBytes)-byte limit", line: 1))
                } else {
                    var reader = MetadataReader(path: document.path, lineOffset: 1, document: document)
                    reader.read(yaml)
                    metadata = reader.metadata
                    problems = reader.problems
                }
            } else {
                problems.append(CardProblem(message: "the metadata block opened on line 1 is never closed with `---`", line: 1))
            }
        }
        let outline = MarkdownOutline.read(document, from: bodyStart)
        return ModelCard(
            document: document, frontMatterLines: fence, metadata: metadata, metadataProblems: problems, sections: outline.sections,
            links: outline.links, tables: outline.tables, placeholderLines: outline.placeholderLines, bodyStartLine: bodyStart)
    }
}

/// Walks the YAML node tree once, within a node budget, and picks out the Hub metadata keys.
struct MetadataReader {
    let path: String
    /// File line of YAML line 0 (the opening fence).
    let lineOffset: Int
    let document: TextDocument
    var metadata = CardMetadata()
    var problems: [CardProblem] = []
    private var budget = ModelCardParser.maxYAMLNodes

    init(path: String, lineOffset: Int, document: TextDocument) {
        self.path = path
        self.lineOffset = lineOffset
        self.document = document
    }

    mutating func read(_ yaml: String) {
        if let depthLine = MetadataReader.excessiveNesting(yaml, limit: ModelCardParser.maxYAMLDepth) {
            problems.append(
                CardProblem(message: "the metadata nests deeper than \(ModelCardParser.maxYAMLDepth) levels", line: lineOffset + depthLine))
            return
        }
        let root: Node?
        do {
            // The basic resolver: values are read as the strings they are written as, so the default resolver's
            // regular expressions (bool, int, float, timestamp: some 2 ms to compile) are never built.
            root = try Parser(yaml: yaml, resolver: .basic).singleRoot()
        } catch let error as YamlError {
            problems.append(MetadataReader.problem(from: error, lineOffset: lineOffset))
            return
        } catch {
            problems.append(CardProblem(message: "the metadata is not valid YAML", line: lineOffset + 1))
            return
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            problems.append(CardProblem(message: "the metadata is not a mapping of keys to values", line: line(of: root)))
            return
        }
        // Count every node reachable, following aliases, before trusting the tree.
        guard countNodes(root, depth: 0) else {
            problems.append(
                CardProblem(message: "the metadata expands to more than \(ModelCardParser.maxYAMLNodes) values (alias bomb?)", line: lineOffset + 1))
            return
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            let keyLine = line(of: keyNode)
            metadata.keys.append(located(key, keyLine, pointer: [key]))
            switch key {
            case "license": metadata.license = scalar(value, key: key, line: keyLine)
            case "license_name": metadata.licenseName = scalar(value, key: key, line: keyLine)
            case "license_link": metadata.licenseLink = scalar(value, key: key, line: keyLine)
            case "base_model": metadata.baseModels = list(value, key: key)
            case "base_model_relation": metadata.baseModelRelation = scalar(value, key: key, line: keyLine)
            case "datasets": metadata.datasets = list(value, key: key)
            case "language": metadata.languages = list(value, key: key)
            case "pipeline_tag": metadata.pipelineTag = scalar(value, key: key, line: keyLine)
            case "library_name": metadata.libraryName = scalar(value, key: key, line: keyLine)
            case "tags": metadata.tags = list(value, key: key)
            case "model-index": metadata.evaluationResults = evaluationResults(value)
            case "co2_eq_emissions":
                metadata.co2Emissions = located(value.scalar?.string ?? "declared", keyLine, pointer: [key])
            default: break
            }
        }
    }

    /// Nesting depth by indentation and flow brackets, checked before libyaml and Yams recurse.
    static func excessiveNesting(_ yaml: String, limit: Int) -> Int? {
        var depth = 0
        var line = 1
        var inQuote: Character?
        for character in yaml {
            if character == "\n" { line += 1 }
            if let quote = inQuote {
                if character == quote { inQuote = nil }
                continue
            }
            switch character {
            case "\"", "'": inQuote = character
            case "[", "{":
                depth += 1
                if depth > limit { return line }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        var indentLevels = 0
        for rawLine in yaml.lineSlices() {
            let indent = rawLine.prefix { $0 == " " || $0 == "-" }.count
            indentLevels = max(indentLevels, indent / 2)
        }
        return indentLevels > limit * 2 ? 1 : nil
    }

    private mutating func countNodes(_ node: Node, depth: Int) -> Bool {
        budget -= 1
        guard budget >= 0, depth <= ModelCardParser.maxYAMLDepth else { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let sequence):
            for child in sequence where !countNodes(child, depth: depth + 1) { return false }
            return true
        case .mapping(let mapping):
            for (key, value) in mapping where !countNodes(key, depth: depth + 1) || !countNodes(value, depth: depth + 1) { return false }
            return true
        }
    }

    static func problem(from error: YamlError, lineOffset: Int) -> CardProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return CardProblem(message: "invalid YAML: \(problem)", line: lineOffset + mark.line)
        case .reader(let problem, _, _, _):
            return CardProblem(message: "unreadable YAML: \(problem)", line: lineOffset + 1)
        default:
            return CardProblem(message: "invalid YAML", line: lineOffset + 1)
        }
    }

    private func line(of node: Node) -> Int { lineOffset + (node.mark?.line ?? 1) }

    private func located(_ value: String, _ line: Int, pointer: [String]) -> Located<String> {
        Located(value, path: path, line: line, pointer: JSONPointer.make(pointer), snippet: document.line(line).trimmingSpaces())
    }

    private mutating func scalar(_ node: Node, key: String, line: Int) -> Located<String>? {
        if let text = node.scalar?.string {
            return located(text, line, pointer: [key])
        }
        if let first = node.sequence?.first?.scalar?.string {
            problems.append(CardProblem(message: "`\(key)` should be a single value, not a list", line: line))
            return located(first, line, pointer: [key, "0"])
        }
        problems.append(CardProblem(message: "`\(key)` should be a text value", line: line))
        return nil
    }

    private mutating func list(_ node: Node, key: String) -> [Located<String>] {
        if let text = node.scalar?.string {
            return text.isEmpty || ((text == "~" || text == "null") && node.scalar?.style == .plain)
                ? [] : [located(text, line(of: node), pointer: [key])]
        }
        guard let sequence = node.sequence else {
            problems.append(CardProblem(message: "`\(key)` should be a list of text values", line: line(of: node)))
            return []
        }
        var values: [Located<String>] = []
        for (index, element) in sequence.enumerated() {
            if let text = element.scalar?.string, !text.isEmpty {
                values.append(located(text, line(of: element), pointer: [key, String(index)]))
            } else {
                problems.append(CardProblem(message: "`\(key)` item \(index + 1) is not a text value", line: line(of: element)))
            }
        }
        return values
    }

    /// `model-index: [{name, results: [{task, dataset, metrics: [{type, value, verifyToken}], source: {url}}]}]`.
    private mutating func evaluationResults(_ node: Node) -> [EvaluationResult] {
        guard let models = node.sequence else {
            problems.append(CardProblem(message: "`model-index` should be a list", line: line(of: node)))
            return []
        }
        var results: [EvaluationResult] = []
        for model in models {
            guard let entries = model.mapping?["results"]?.sequence else { continue }
            for entry in entries {
                let task = entry.mapping?["task"]?.mapping?["type"]?.scalar?.string
                let dataset =
                    entry.mapping?["dataset"]?.mapping?["name"]?.scalar?.string ?? entry.mapping?["dataset"]?.mapping?["type"]?.scalar?.string
                let source = entry.mapping?["source"]?.mapping?["url"]?.scalar?.string
                let metrics = entry.mapping?["metrics"]?.sequence ?? []
                if metrics.isEmpty {
                    results.append(
                        EvaluationResult(
                            task: task, dataset: dataset, metric: nil, value: nil, sourceURL: source, verified: false, line: line(of: entry)))
                }
                for metric in metrics {
                    let fields = metric.mapping
                    results.append(
                        EvaluationResult(
                            task: task, dataset: dataset, metric: fields?["type"]?.scalar?.string ?? fields?["name"]?.scalar?.string,
                            value: fields?["value"]?.scalar?.string, sourceURL: source,
                            verified: fields?["verifyToken"]?.scalar?.string.isEmpty == false || fields?["verified"]?.scalar?.string == "true",
                            line: line(of: metric)))
                }
            }
        }
        return results
    }
}
