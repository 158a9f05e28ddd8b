import TrustmarkCore

/// Keras model configs (`config.json` in a `.keras` zip, the `model_config` attribute of an H5 file):
/// Lambda layers carry marshalled Python bytecode, and `module`/`registered_name` keys make Keras
/// import arbitrary modules (CVE-2025-1550 and its follow-ups). Rules KERAS-LAMBDA and KERAS-MODULE.
public enum KerasConfigCheck {
    /// Packages whose layers Keras itself or its official libraries define.
    static let kerasFamilies = ["keras", "tf_keras", "tensorflow.keras", "tensorflow.python.keras", "keras_hub", "keras_nlp", "keras_cv"]
    /// Names that fetch or unlock code whatever module they come from.
    static let sinkNames = ["get_file", "enable_unsafe_deserialization", "load_model", "exec", "eval", "system", "popen"]

    static let unsafeDeserialization = Array("enable_unsafe_deserialization".utf8)
    static let getFile = Array("get_file".utf8)

    public struct Facts: Sendable, Equatable {
        public var layerCount = 0
        public var layerClasses: [String: Int] = [:]
    }

    /// Findings for one parsed config. `inH5` raises Lambda to CRITICAL: H5 loading ignored `safe_mode`
    /// before Keras 3.11.3, so the bytecode runs on a default load.
    public static func check(
        _ root: JSONNode, path: String, origin: String, inH5: Bool, at offset: UInt64?
    ) -> (findings: [SafetyFinding], facts: Facts) {
        var walker = Walker(path: path, origin: origin, inH5: inH5, offset: offset)
        walker.visit(root, pointer: "")
        return (walker.findings, walker.facts)
    }

    struct Walker {
        let path: String
        let origin: String
        let inH5: Bool
        let offset: UInt64?
        var findings: [SafetyFinding] = []
        var facts = Facts()
        var seen = Set<String>()
        var visited = 0

        mutating func add(_ rule: String, _ severity: SafetySeverity, _ message: String, pointer: String, line: Int) {
            // One finding per rule and message: a model with 200 identical custom layers gets one line.
            guard seen.insert(rule + message).inserted, findings.count < 100 else { return }
            findings.append(
                SafetyFinding(
                    rule: rule, severity: severity, message: "\(message) (\(origin) \(pointer.isEmpty ? "/" : pointer), line \(line))",
                    path: path, byteOffset: offset))
        }

        mutating func visit(_ node: JSONNode, pointer: String) {
            visited += 1
            guard visited < 2_000_000 else { return }
            switch node.value {
            case .object:
                let members = node.members ?? []
                inspect(node, pointer: pointer)
                for member in members { visit(member.node, pointer: pointer + "/" + escape(member.key)) }
            case .array:
                for (index, element) in (node.elements ?? []).enumerated() { visit(element, pointer: pointer + "/\(index)") }
            case .string(let text):
                // Bytecode outside a Lambda layer (already reported with its layer) is reported on its own.
                if (text.hasPrefix("4wEA") || text.hasPrefix("YwAA") || text.hasPrefix("4wAA")) && text.count > 16,
                    !findings.contains(where: { $0.rule == "KERAS-LAMBDA" && $0.severity >= .high })
                {
                    add("KERAS-LAMBDA", inH5 ? .critical : .high, "base64 marshalled Python bytecode", pointer: pointer, line: node.line)
                }
                let bytes = Array(text.utf8)
                if bytes.containsSubsequence(KerasConfigCheck.unsafeDeserialization) || bytes.containsSubsequence(KerasConfigCheck.getFile) {
                    add("KERAS-MODULE", .critical, "\"\(text.prefix(80))\" fetches code or turns safe mode off", pointer: pointer, line: node.line)
                }
            default:
                break
            }
        }

        mutating func inspect(_ node: JSONNode, pointer: String) {
            let className = node["class_name"]?.string
            if let className, node["config"] != nil {
                facts.layerCount += 1
                facts.layerClasses[className, default: 0] += 1
            }
            if className == "Lambda" {
                let function = node["config"]?["function"]
                let severity: SafetySeverity = inH5 ? .critical : .high
                if function?["class_name"]?.string == "__lambda__" || function?.elements != nil {
                    add(
                        "KERAS-LAMBDA", severity,
                        "a Lambda layer with marshalled Python bytecode, which runs \(inH5 ? "when the H5 model loads" : "when loaded with safe_mode=False")",
                        pointer: pointer, line: node.line)
                } else {
                    add("KERAS-LAMBDA", .medium, "a Lambda layer that calls a named Python function", pointer: pointer, line: node.line)
                }
            }
            if className == "__lambda__" {
                add("KERAS-LAMBDA", inH5 ? .critical : .high, "a __lambda__ object (marshalled Python bytecode)", pointer: pointer, line: node.line)
            }
            guard let module = node["module"]?.string else {
                if let registered = node["registered_name"]?.string, registered.utf8.contains(0x3E) {
                    add(
                        "KERAS-MODULE", .info, "the custom object \(registered.prefix(80)) needs code that is not in the file", pointer: pointer,
                        line: node.line)
                }
                return
            }
            let name = node["registered_name"]?.string ?? className ?? node["config"]?.string ?? ""
            let moduleRoot = module.split(separator: ".").first.map(String.init) ?? module
            let isKeras = KerasConfigCheck.kerasFamilies.contains { module == $0 || module.hasPrefix($0 + ".") }
            let isSink = KerasConfigCheck.sinkNames.contains { name == $0 || name.hasSuffix(">" + $0) }
            if PicklePolicy.judge(module: module, name: name) == .denied || (isSink && !isKeras) || moduleRoot == "builtins" {
                add(
                    "KERAS-MODULE", .critical, "imports \(module).\(name.prefix(80)), a known code-execution sink, when the model is loaded",
                    pointer: pointer, line: node.line)
            } else if isSink {
                add("KERAS-MODULE", .critical, "calls \(module).\(name) while loading (downloads or unlocks code)", pointer: pointer, line: node.line)
            } else if !isKeras {
                add(
                    "KERAS-MODULE", .medium, "imports the module \(module.prefix(80)) when the model is loaded (the CVE-2025-1550 route)",
                    pointer: pointer, line: node.line)
            }
        }

        /// RFC 6901 escaping, done by hand: Foundation's replacingOccurrences per key dominated the walk of large configs.
        func escape(_ key: String) -> String {
            guard key.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) else { return key }
            var result = ""
            for character in key {
                switch character {
                case "~": result += "~0"
                case "/": result += "~1"
                default: result.append(character)
                }
            }
            return result
        }
    }

    /// The first JSON object in `bytes` that starts with `{"class_name"`, cut out by brace matching
    /// (strings and escapes respected): H5 stores `model_config` contiguously, so no HDF5 parser is needed.
    public static func embeddedConfig(in bytes: [UInt8]) -> (json: ArraySlice<UInt8>, offset: Int)? {
        let needles = [Array("{\"class_name\":".utf8), Array("{\"class_name\": ".utf8)]
        guard let start = needles.compactMap({ bytes.firstIndex(of: $0) }).min() else { return nil }
        var depth = 0, inString = false, escaped = false
        for index in start..<bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return (bytes[start...index], start) }
            case 0x00: return nil
            default: break
            }
        }
        return nil
    }
}
