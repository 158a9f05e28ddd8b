import Foundation
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelFormats

@Suite("safetensors headers")
struct SafetensorsReaderTests {
    @Test func readsAValidFile() throws {
        let header = SafetensorsReader.parse(file: SafetensorsBuilder.small.bytes())
        #expect(header.problems.isEmpty, "\(header.problems)")
        #expect(header.tensors.count == 5)
        #expect(header.metadata == ["format": "pt"])
        let facts = header.facts(path: "m.safetensors", fileSize: UInt64(SafetensorsBuilder.small.bytes().count))
        #expect(facts.parameterCount == 8 + 4 + 4 + 1 + 0)
        #expect(facts.parametersByDtype == ["F32": 8, "BF16": 8, "I64": 1, "F16": 0])
        #expect(facts.blockIndices == [0, 1])
        #expect(facts.headerBytes == 0..<header.dataStart)
    }

    @Test func acceptsWhitespacePaddingAsWritersDo() {
        let builder = SafetensorsBuilder.small
        let padded = builder.header().json + "       "
        let header = SafetensorsReader.parse(file: builder.bytes(headerJSON: padded))
        #expect(header.problems.isEmpty)
    }

    @Test func rejectsAnAbsurdHeaderLengthWithoutAllocatingIt() throws {
        var bytes = SafetensorsBuilder.lengthPrefix(UInt64.max - 3)
        bytes += Array("{}".utf8)
        let header = SafetensorsReader.parse(file: bytes)
        #expect(header.problems.first?.message.contains("exceeds the 100,000,000-byte limit") == true)
        let url = try temporaryFile(bytes)
        let fromDisk = try SafetensorsReader.read(BinaryFile(path: url.path))
        #expect(fromDisk.problems.first?.isFatal == true)
    }

    @Test func rejectsAHeaderLongerThanTheFile() throws {
        let bytes = SafetensorsBuilder.lengthPrefix(99_999_999) + Array("{\"a\":".utf8)
        let url = try temporaryFile(bytes)
        let header = try SafetensorsReader.read(BinaryFile(path: url.path))
        #expect(header.problems.first?.message.contains("runs past the end") == true)
    }

    @Test func rejectsFilesShorterThanTheLengthPrefix() {
        #expect(SafetensorsReader.parse(file: [1, 2, 3]).problems.first?.message.contains("shorter than") == true)
    }

    @Test func rejectsOverlappingOffsets() {
        let builder = SafetensorsBuilder(tensors: [.init(name: "a", dtype: "F32", shape: [2]), .init(name: "b", dtype: "F32", shape: [2])])
        let json = builder.header(offsetOverride: ["b": (4, 12)]).json
        let header = SafetensorsReader.parse(file: builder.bytes(headerJSON: json, dataSize: 12))
        #expect(header.problems.contains { $0.isFatal && $0.message.contains("overlaps") && $0.item == "b" })
    }

    @Test func rejectsHolesBetweenTensors() {
        let builder = SafetensorsBuilder(tensors: [.init(name: "a", dtype: "F32", shape: [2]), .init(name: "b", dtype: "F32", shape: [2])])
        let json = builder.header(offsetOverride: ["b": (12, 20)]).json
        let header = SafetensorsReader.parse(file: builder.bytes(headerJSON: json, dataSize: 20))
        #expect(header.problems.contains { $0.message.contains("unused bytes") })
    }

    @Test func rejectsSizesThatDoNotMatchTheShape() {
        let builder = SafetensorsBuilder(tensors: [.init(name: "a", dtype: "F32", shape: [3])])
        let json = builder.header(offsetOverride: ["a": (0, 8)]).json
        let header = SafetensorsReader.parse(file: builder.bytes(headerJSON: json, dataSize: 8))
        #expect(header.problems.contains { $0.message.contains("needs 12") })
    }

    @Test func rejectsTrailingBytesAndTruncatedData() {
        let trailing = SafetensorsReader.parse(file: SafetensorsBuilder.small.bytes(extra: 5))
        #expect(trailing.problems.contains { $0.message.contains("5 bytes follow the last tensor") })
        let full = SafetensorsBuilder.small.bytes()
        let truncated = SafetensorsReader.parse(file: Array(full.dropLast(3)))
        #expect(truncated.problems.contains { $0.message.contains("truncated") })
        #expect(truncated.facts(path: "x", fileSize: UInt64(full.count - 3)).parameterCount == nil)
    }

    @Test func rejectsShapesWhoseProductOverflows() {
        let json = #"{"a":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,4]}}"#
        let header = SafetensorsReader.parse(file: SafetensorsBuilder(tensors: []).bytes(headerJSON: json, dataSize: 4))
        #expect(header.problems.contains { $0.message.contains("overflows") })
    }

    @Test(arguments: [
        ("not json", "not valid JSON"), ("[1,2]", "not a JSON object"), (#"{"a":{"dtype":"F32"}}"#, "needs dtype, shape"),
        (#"{"__metadata__":{"n":1}}"#, "not a string"), (#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, "not an unsigned integer"),
        (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, "end before they begin"),
    ])
    func rejectsMalformedHeaders(json: String, expected: String) {
        let header = SafetensorsReader.parse(file: SafetensorsBuilder(tensors: []).bytes(headerJSON: json, dataSize: 4))
        #expect(header.problems.contains { $0.isFatal && $0.message.contains(expected) }, "\(header.problems)")
    }

    @Test func flagsDuplicateKeysAndUnknownDtypesWithoutFailing() {
        let json =
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"Q9_NEW","shape":[2],"data_offsets":[4,6]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        let header = SafetensorsReader.parse(file: SafetensorsBuilder(tensors: []).bytes(headerJSON: json, dataSize: 6))
        #expect(header.problems.contains { !$0.isFatal && $0.item == "a" && $0.message.contains("more than once") })
        #expect(header.problems.contains { !$0.isFatal && $0.item == "b" && $0.message.contains("unknown") })
    }

    @Test func recognisesPackedQuantizedWeights() {
        #expect(TensorNames.arePackedQuantized(["model.layers.0.self_attn.q_proj.qweight", "model.layers.0.self_attn.q_proj.scales"]))
        #expect(!TensorNames.arePackedQuantized(["model.layers.0.self_attn.q_proj.weight"]))
    }

    @Test func countsBackboneBlocksOnly() {
        let names = ["model.layers.0.a", "model.layers.11.a", "transformer.h.3.attn", "vision_tower.encoder.layers.40.x", "lm_head.weight"]
        #expect(TensorNames.blockIndices(names) == [0, 11, 3])
    }

    /// A real file from the safety corpus: silero-vad's safetensors (15 F32 tensors, 309,633 parameters).
    @Test(
        .enabled(
            if: SharedData.has("safety-corpus/benign/silero_vad_16k.safetensors"), "needs ../shared/safety-corpus/benign/silero_vad_16k.safetensors"))
    func readsARealFileFromTheSafetyCorpus() throws {
        let path = SharedData.path("safety-corpus/benign/silero_vad_16k.safetensors")
        guard let path else {
            Issue.record("../shared/safety-corpus/benign/silero_vad_16k.safetensors is not readable")
            return
        }
        let file = try BinaryFile(path: path)
        let header = try SafetensorsReader.read(file)
        #expect(header.problems.isEmpty)
        #expect(header.tensors.count == 15)
        #expect(header.headerLength == 1208)
        #expect(header.facts(path: "silero", fileSize: file.size).parameterCount == 309_633)
    }
}
