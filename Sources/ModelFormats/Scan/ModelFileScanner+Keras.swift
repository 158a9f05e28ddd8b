import TrustmarkCore

/// Keras files: the `.keras` zip (config.json beside metadata.json and model.weights.h5) and legacy
/// H5 files, whose `model_config` attribute holds the same JSON.
extension ModelFileScanner {
    /// Config JSON is read up to this size; real configs are kilobytes to a few megabytes.
    static let maxKerasConfig = 32 << 20

    static func scanKerasArchive(_ file: BinaryFile, archive: ZipArchive, path: String, into report: inout FileScanReport) {
        report.format = .keras
        guard let member = archive.members.first(where: { $0.name == "config.json" }), let dataOffset = member.dataOffset else { return }
        guard member.uncompressedSize <= UInt64(maxKerasConfig), member.compressedSize <= UInt64(maxKerasConfig),
            let raw = try? file.read(at: dataOffset, count: Int(member.compressedSize))
        else {
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage, message: "config.json is larger than \(maxKerasConfig) bytes; not checked", path: path,
                    byteOffset: dataOffset))
            return
        }
        let bytes: [UInt8]
        if member.isStored {
            bytes = raw
        } else if member.method == 8, let inflated = try? Inflate.raw(raw, limit: maxKerasConfig) {
            bytes = inflated
        } else {
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage, message: "config.json could not be decompressed; not checked", path: path,
                    byteOffset: dataOffset))
            return
        }
        checkKerasConfig(bytes, path: path, origin: "config.json", inH5: false, at: dataOffset, into: &report)
        // The weights file is a stored HDF5 member: walked in place for links and parameter counts.
        if let weights = archive.members.first(where: { $0.name == "model.weights.h5" }), weights.isStored, let offset = weights.dataOffset,
            weights.compressedSize > 8
        {
            let walk = HDF5LinkCheck.walk(file, path: path, origin: offset)
            report.findings += walk.findings.map { finding in
                var located = finding
                located.message = "model.weights.h5: " + finding.message
                return located
            }
            addWeights(walk, to: &report, path: path)
        }
        if let metadata = archive.members.first(where: { $0.name == "metadata.json" }), metadata.isStored, let offset = metadata.dataOffset,
            metadata.compressedSize < 1 << 16, let text = try? file.read(at: offset, count: Int(metadata.compressedSize)),
            let node = try? JSONParser.parse(text), let version = node["keras_version"]?.string
        {
            report.weights?.metadata["keras_version"] = version
        }
    }

    static func scanKerasH5(_ file: BinaryFile, path: String, into report: inout FileScanReport) {
        report.format = .kerasH5
        let window = (try? file.read(at: 0, count: Int(min(file.size, UInt64(64 << 20))))) ?? []
        if let (json, offset) = KerasConfigCheck.embeddedConfig(in: window) {
            checkKerasConfig(Array(json), path: path, origin: "model_config", inH5: true, at: UInt64(offset), into: &report)
        } else {
            // No contiguous config: fall back to a bounded byte search so a Lambda is never missed.
            let needles = [Array("\"class_name\": \"Lambda\"".utf8), Array("\"class_name\":\"Lambda\"".utf8), Array("__lambda__".utf8)]
            if let needle = needles.first(where: { window.containsSubsequence($0) }) {
                report.findings.append(
                    SafetyFinding(
                        rule: "KERAS-LAMBDA", severity: .critical,
                        message:
                            "a Keras Lambda layer (\(String(decoding: needle, as: UTF8.self))): its marshalled Python runs when the H5 model loads",
                        path: path, byteOffset: window.firstIndex(of: needle).map(UInt64.init)))
            }
        }
        let walk = HDF5LinkCheck.walk(file, path: path)
        report.findings += walk.findings
        addWeights(walk, to: &report, path: path)
    }

    /// Parameters from the HDF5 datasets, when the walk found any.
    static func addWeights(_ walk: HDF5LinkCheck.Walk, to report: inout FileScanReport, path: String) {
        let byDtype = walk.parametersByDtype
        guard !byDtype.isEmpty else { return }
        var facts = report.weights ?? WeightFileFacts(path: path, format: .keras, size: report.size)
        facts.parametersByDtype = byDtype
        facts.parameterCount = byDtype.values.reduce(0, &+)
        facts.tensorCount = walk.datasets.filter { !$0.path.lowercased().includes("optimizer") }.count
        report.weights = facts
    }

    static func checkKerasConfig(_ bytes: [UInt8], path: String, origin: String, inH5: Bool, at offset: UInt64, into report: inout FileScanReport) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage, message: "\(origin) is not valid JSON (\(error)); not checked", path: path, byteOffset: offset))
            return
        }
        let (findings, facts) = KerasConfigCheck.check(root, path: path, origin: origin, inH5: inH5, at: offset)
        report.findings += findings
        var metadata = ["layers": String(facts.layerCount)]
        if let name = root["config"]?["name"]?.string { metadata["model_name"] = String(name.prefix(120)) }
        if let className = root["class_name"]?.string { metadata["model_class"] = className }
        report.weights = WeightFileFacts(path: path, format: .keras, size: report.size, metadata: metadata)
    }
}
