import Foundation
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelFormats

/// Protobuf bytes for ONNX messages, written field by field as onnx.proto3 numbers them.
enum Protobuf {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value, bytes: [UInt8] = []
        repeat {
            bytes.append(UInt8(value & 0x7F) | (value > 0x7F ? 0x80 : 0))
            value >>= 7
        } while value > 0
        return bytes
    }
    static func number(_ field: Int, _ value: UInt64) -> [UInt8] { varint(UInt64(field) << 3) + varint(value) }
    static func bytes(_ field: Int, _ payload: [UInt8]) -> [UInt8] { varint(UInt64(field) << 3 | 2) + varint(UInt64(payload.count)) + payload }
    static func string(_ field: Int, _ text: String) -> [UInt8] { bytes(field, Array(text.utf8)) }

    static func tensor(name: String, dims: [UInt64], type: UInt64 = 1, external: [(String, String)] = [], raw: Int = 0) -> [UInt8] {
        var message = dims.flatMap { number(1, $0) } + number(2, type) + string(8, name)
        if raw > 0 { message += bytes(9, [UInt8](repeating: 0, count: raw)) }
        for (key, value) in external { message += bytes(13, string(1, key) + string(2, value)) }
        if !external.isEmpty { message += number(14, 1) }
        return message
    }
    static func node(_ type: String, domain: String = "", attributes: [[UInt8]] = []) -> [UInt8] {
        string(1, "x") + string(2, "y") + string(4, type) + (domain.isEmpty ? [] : string(7, domain)) + attributes.flatMap { bytes(5, $0) }
    }
    static func model(nodes: [[UInt8]], initializers: [[UInt8]], opset: UInt64 = 17) -> [UInt8] {
        let graph = nodes.flatMap { bytes(1, $0) } + string(2, "main") + initializers.flatMap { bytes(5, $0) }
        return number(1, 8) + string(2, "trustmark-test") + bytes(7, graph) + bytes(8, string(1, "") + number(2, opset))
    }
}

@Suite("ONNX")
struct ONNXReaderTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-onnx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func scan(_ bytes: [UInt8], in folder: URL) throws -> FileScanReport {
        let url = folder.appendingPathComponent("model.onnx")
        try Data(bytes).write(to: url)
        return ModelFileScanner.scan(path: url.path, displayPath: "model.onnx")
    }

    @Test(.enabled(if: SharedData.has("safety-corpus/benign"), "needs ../shared/safety-corpus/benign"))
    func countsParametersOfARealExportLikeItsSafetensorsTwin() throws {
        guard let root = SharedData.path("safety-corpus/benign") else {
            Issue.record("../shared/safety-corpus/benign is not readable")
            return
        }
        let onnx = ModelFileScanner.scan(path: root + "/silero_vad_16k_op15.onnx")
        let safetensors = ModelFileScanner.scan(path: root + "/silero_vad_16k.safetensors")
        #expect(onnx.format == .onnx)
        #expect(onnx.findings.isEmpty, "\(onnx.findings.map(\.message))")
        #expect(onnx.weights?.parameterCount == 309_633)
        #expect(onnx.weights?.parameterCount == safetensors.weights?.parameterCount)
        #expect(onnx.weights?.metadata["opset ai.onnx"] == "15")
    }

    @Test func readsInternalTensorsWithoutFindings() throws {
        let bytes = Protobuf.model(nodes: [Protobuf.node("MatMul")], initializers: [Protobuf.tensor(name: "w", dims: [4, 8], raw: 128)])
        let report = try scan(bytes, in: try folder())
        #expect(report.format == .onnx)
        #expect(report.findings.isEmpty)
        #expect(report.weights?.parametersByDtype == ["F32": 32])
    }

    @Test func checksExternalDataRangesAgainstTheDataFile() throws {
        let dir = try folder()
        try Data(count: 64).write(to: dir.appendingPathComponent("weights.bin"))
        let inside = Protobuf.tensor(name: "w", dims: [16], external: [("location", "weights.bin"), ("offset", "0"), ("length", "64")])
        #expect(try scan(Protobuf.model(nodes: [], initializers: [inside]), in: dir).findings.isEmpty)

        let past = Protobuf.tensor(name: "w", dims: [16], external: [("location", "weights.bin"), ("offset", "32"), ("length", "64")])
        let report = try scan(Protobuf.model(nodes: [], initializers: [past]), in: dir)
        #expect(report.findings.contains { $0.rule == "ONNX-PATH" && $0.severity == .high && $0.message.contains("past the end") })

        let missing = Protobuf.tensor(name: "w", dims: [16], external: [("location", "absent.bin")])
        #expect(try scan(Protobuf.model(nodes: [], initializers: [missing]), in: dir).findings.map(\.rule) == ["COV"])
    }

    @Test(arguments: ["../../../etc/passwd", "/etc/passwd", "https://example.com/w.bin", "\\\\server\\share\\w.bin", "C:\\w.bin", "data/../../w.bin"])
    func flagsLocationsThatLeaveTheFolder(location: String) throws {
        let tensor = Protobuf.tensor(name: "w", dims: [16], external: [("location", location)])
        let report = try scan(Protobuf.model(nodes: [], initializers: [tensor]), in: try folder())
        #expect(report.isUnsafe)
        #expect(report.findings.contains { $0.rule == "ONNX-PATH" && $0.severity == .high }, "\(location)")
    }

    @Test func flagsUndefinedKeysAndLinksOutOfTheFolder() throws {
        let dir = try folder()
        let extra = Protobuf.tensor(name: "w", dims: [1], external: [("location", "w.bin"), ("basepath", "/tmp")])
        try Data(count: 4).write(to: dir.appendingPathComponent("w.bin"))
        #expect(try scan(Protobuf.model(nodes: [], initializers: [extra]), in: dir).findings.contains { $0.message.contains("basepath") })

        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.bin").path, withDestinationPath: "/etc/hostname")
        let linked = Protobuf.tensor(name: "w", dims: [1], external: [("location", "link.bin")])
        #expect(try scan(Protobuf.model(nodes: [], initializers: [linked]), in: dir).findings.contains { $0.message.contains("symbolic link") })
    }

    @Test func findsExternalTensorsInsideSubgraphs() throws {
        let hidden = Protobuf.tensor(name: "inner", dims: [1], external: [("location", "/etc/shadow")])
        let subgraph = Protobuf.bytes(1, Protobuf.node("Constant", attributes: [Protobuf.string(1, "value") + Protobuf.bytes(5, hidden)]))
        let ifNode = Protobuf.node("If", attributes: [Protobuf.string(1, "then_branch") + Protobuf.bytes(6, subgraph)])
        let report = try scan(Protobuf.model(nodes: [ifNode], initializers: []), in: try folder())
        #expect(report.findings.contains { $0.rule == "ONNX-PATH" && $0.message.contains("inner") })
    }

    @Test func judgesOperatorDomains() throws {
        let nodes = [
            Protobuf.node("Relu"), Protobuf.node("FusedMatMul", domain: "com.microsoft"), Protobuf.node("Fancy", domain: "com.vendor.ops"),
            Protobuf.node("PyOp", domain: "com.microsoft"),
        ]
        let report = try scan(Protobuf.model(nodes: nodes, initializers: []), in: try folder())
        let ops = report.findings.filter { $0.rule == "ONNX-OP" }
        #expect(ops.count == 2)
        #expect(ops.contains { $0.severity == .info && $0.message.contains("com.vendor.ops") })
        #expect(ops.contains { $0.severity == .high && $0.message.contains("PyOp") })
    }

    @Test func malformedAndHostileInputEndsInAFinding() throws {
        let good = Protobuf.model(nodes: [Protobuf.node("Relu")], initializers: [Protobuf.tensor(name: "w", dims: [4], raw: 16)])
        let dir = try folder()
        for cut in stride(from: 4, to: good.count, by: 7) {
            let report = try scan(Array(good.prefix(cut)), in: dir)
            #expect(report.format != .onnx || report.findings.contains { $0.rule == "ONNX-STRUCT" } || report.findings.isEmpty, "cut \(cut)")
        }
        // A length that claims more than the file holds.
        let lying = Protobuf.number(1, 8) + Protobuf.varint(7 << 3 | 2) + Protobuf.varint(1 << 40)
        let report = try scan(lying + [0, 0, 0], in: dir)
        #expect(report.findings.contains { $0.rule == "ONNX-STRUCT" })
        // Subgraphs nested 40 deep stop at the depth limit.
        var graph = Protobuf.bytes(1, Protobuf.node("Relu"))
        for _ in 0..<40 { graph = Protobuf.bytes(1, Protobuf.node("Loop", attributes: [Protobuf.string(1, "body") + Protobuf.bytes(6, graph)])) }
        let deep = Protobuf.number(1, 8) + Protobuf.bytes(7, graph)
        #expect(try scan(deep, in: dir).findings.contains { $0.message.contains("deeper") })
    }
}
