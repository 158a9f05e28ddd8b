import Yams

/// Reads and writes the Model Openness Tool's model files (`models/*.yml`, `schema/mof_schema.json`).
public enum MOTModelFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Model files are a few kilobytes; anchors and aliases have no use in them and are refused (alias bombs).
    static let maxBytes = 1 << 20

    public static func read(_ text: String) throws(Failure) -> MOFModel {
        guard text.utf8.count <= maxBytes else { throw Failure(message: "larger than \(maxBytes) bytes; not a Model Openness Tool file") }
        // Checked before parsing: the parser would expand an alias bomb before any node could be counted.
        if usesAnchorsOrAliases(text) { throw Failure(message: "YAML anchors and aliases are not accepted in model files") }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw Failure(message: "empty file") }
            root = node
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "not valid YAML: \(error)")
        }
        if containsAlias(root, depth: 0) { throw Failure(message: "YAML anchors and aliases are not accepted in model files") }
        guard let release = root["release"] else { throw Failure(message: "no `release` section (is this a Model Openness Tool model file?)") }
        guard let name = release["name"]?.string, !name.isEmpty else { throw Failure(message: "`release.name` is required") }
        var model = MOFModel(name: name, producer: release["producer"]?.string ?? "")
        model.version = release["version"]?.string
        model.date = release["date"]?.string
        model.type = release["type"]?.string
        model.architecture = release["architecture"]?.string
        model.repository = release["repository"]?.string
        model.huggingface = release["huggingface"]?.string
        if let licenses = release["license"]?.mapping {
            for (key, value) in licenses {
                guard let key = key.string else { continue }
                if let name = value["name"]?.string ?? value.string, !name.isEmpty { model.licenses[key] = name }
            }
        }
        for entry in release["components"]?.sequence ?? [] {
            guard let componentName = entry["name"]?.string else { throw Failure(message: "a component without a name") }
            guard let component = MOFComponent(name: componentName) else { throw Failure(message: "unknown component \"\(componentName)\"") }
            var license = entry["license"]?.string
            // The tool stores "unlicensed" as an empty licence: unlicensed, with no fallback to the release licence.
            if license?.lowercased() == "unlicensed" { license = "" }
            if license?.isEmpty == true, entry["license"]?.string?.lowercased() != "unlicensed" { license = nil }
            model.components.append(MOFModel.Component(component, license: license, description: entry["description"]?.string))
        }
        return model
    }

    /// `&name` or `*name` where a YAML node can start (after a space, `[`, `{`, `,`, `:` or `-`, or at a line start).
    static func usesAnchorsOrAliases(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] == 0x26 || bytes[index] == 0x2A {
            let before = index == 0 ? 0x0A : bytes[index - 1]
            let after = index + 1 < bytes.count ? bytes[index + 1] : 0x20
            let startsNode = [0x0A, 0x20, 0x09, 0x5B, 0x7B, 0x2C, 0x3A, 0x2D].contains(before)
            let named = (0x30...0x39).contains(after) || (0x41...0x5A).contains(after) || (0x61...0x7A).contains(after) || after == 0x5F
            if startsNode && named { return true }
        }
        return false
    }

    static func containsAlias(_ node: Node, depth: Int) -> Bool {
        guard depth < 64 else { return true }
        switch node {
        case .alias: return true
        case .mapping(let mapping): return mapping.contains { containsAlias($0.key, depth: depth + 1) || containsAlias($0.value, depth: depth + 1) }
        case .sequence(let sequence): return sequence.contains { containsAlias($0, depth: depth + 1) }
        case .scalar: return false
        }
    }

    /// A model file in the tool's layout, deterministic (the same model gives the same bytes).
    public static func write(_ model: MOFModel, date: String) -> String {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        var lines = ["framework:", "  name: 'Model Openness Framework'", "  version: '1.0'", "  date: '2024-12-15'", "release:"]
        lines.append("  name: \(quoted(model.name))")
        if let version = model.version { lines.append("  version: \(quoted(version))") }
        lines.append("  date: \(quoted(model.date ?? date))")
        if let type = model.type { lines.append("  type: \(quoted(type))") }
        if let architecture = model.architecture { lines.append("  architecture: \(quoted(architecture))") }
        lines.append("  producer: \(quoted(model.producer))")
        if let repository = model.repository { lines.append("  repository: \(quoted(repository))") }
        if let huggingface = model.huggingface { lines.append("  huggingface: \(quoted(huggingface))") }
        lines.append("  license:")
        for key in ["distribution", "code", "data", "document"] {
            guard let name = model.licenses[key] else { continue }
            lines.append("    \(key):")
            lines.append("      name: \(quoted(name))")
            lines.append("      path: ''")
        }
        if model.licenses.isEmpty { lines[lines.count - 1] = "  license: {}" }
        lines.append("  components:")
        for entry in model.components.sorted(by: { $0.component < $1.component }) {
            lines.append("    -")
            lines.append("      name: \(quoted(entry.component.name))")
            if let description = entry.description { lines.append("      description: \(quoted(description))") }
            if let license = entry.license { lines.append("      license: \(quoted(license.isEmpty ? "unlicensed" : license))") }
        }
        if model.components.isEmpty { lines[lines.count - 1] = "  components: []" }
        return lines.joined(separator: "\n") + "\n"
    }
}
