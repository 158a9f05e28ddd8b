import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelFormats

/// Writes GGUF v2/v3 files for tests, little- or big-endian, correct unless told otherwise.
struct GGUFBuilder {
    var version: UInt32 = 3
    var bigEndian = false
    var keys: [(String, UInt32, [UInt8])] = []
    var tensors: [(String, [UInt64], UInt32, UInt64?)] = []
    var alignment: UInt64 = 32

    func int(_ value: UInt64, _ width: Int) -> [UInt8] {
        let bytes = (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        return bigEndian ? bytes.reversed() : bytes
    }
    func string(_ text: String) -> [UInt8] { int(UInt64(text.utf8.count), 8) + Array(text.utf8) }

    mutating func key(_ name: String, string value: String) { keys.append((name, 8, string(value))) }
    mutating func key(_ name: String, u32 value: UInt32) { keys.append((name, 4, int(UInt64(value), 4))) }

    func bytes(truncateData: Int = 0) -> [UInt8] {
        var out: [UInt8] = Array("GGUF".utf8)
        out += int(UInt64(version), 4)
        out += int(UInt64(tensors.count), 8)
        out += int(UInt64(keys.count), 8)
        for (name, type, value) in keys {
            out += string(name)
            out += int(UInt64(type), 4)
            out += value
        }
        var offset: UInt64 = 0
        var dataSize: UInt64 = 0
        for (name, dims, type, forced) in tensors {
            let traits = GGMLType.traits[type] ?? ("?", 1, 1)
            let elements: UInt64 = dims.reduce(1, *)
            let bytes: UInt64 = elements / traits.block * traits.size
            let dimensionBytes: [UInt8] = dims.flatMap { int($0, 8) }
            out += string(name)
            out += int(UInt64(dims.count), 4)
            out += dimensionBytes
            out += int(UInt64(type), 4)
            out += int(forced ?? offset, 8)
            offset = (offset + bytes + alignment - 1) / alignment * alignment
            dataSize = offset
        }
        if !tensors.isEmpty {
            while UInt64(out.count) % alignment != 0 { out.append(0) }
            out += [UInt8](repeating: 0, count: Int(dataSize))
        }
        return Array(out.dropLast(truncateData))
    }

    static func model(bigEndian: Bool = false) -> GGUFBuilder {
        var builder = GGUFBuilder()
        builder.bigEndian = bigEndian
        builder.key("general.architecture", string: "llama")
        builder.key("general.name", string: "tiny")
        builder.key("tokenizer.chat_template", string: "{% for m in messages %}{{ m['content'] }}{% endfor %}")
        let embedding: (String, [UInt64], UInt32, UInt64?) = ("token_embd.weight", [64, 8], 0, nil)
        let first: (String, [UInt64], UInt32, UInt64?) = ("blk.0.attn_q.weight", [64, 64], 8, nil)
        let second: (String, [UInt64], UInt32, UInt64?) = ("blk.1.attn_q.weight", [256, 2], 12, nil)
        builder.tensors = [embedding, first, second]
        return builder
    }
}

@Suite("GGUF headers")
struct GGUFReaderTests {
    @Test func readsAValidFileWithQuantizedTensors() {
        let header = GGUFReader.parse(bytes: GGUFBuilder.model().bytes())
        #expect(header.problems.isEmpty, "\(header.problems)")
        #expect(header.version == 3 && header.tensors.count == 3)
        #expect(header.metadata["general.architecture"] == "llama")
        #expect(header.chatTemplates["tokenizer.chat_template"]?.contains("messages") == true)
        let facts = header.facts(path: "m.gguf", fileSize: UInt64(GGUFBuilder.model().bytes().count))
        let expected: UInt64 = 512 + 4096 + 512
        #expect(facts.parameterCount == expected)
        let byType: [String: UInt64] = ["F32": 512, "Q8_0": 4096, "Q4_K": 512]
        #expect(facts.parametersByDtype == byType)
        #expect(facts.blockIndices == [0, 1])
    }

    @Test func readsBigEndianFiles() {
        let builder = GGUFBuilder.model(bigEndian: true)
        let header = GGUFReader.parse(bytes: builder.bytes())
        #expect(header.bigEndian, "\(header.problems)")
        #expect(header.problems.isEmpty, "\(header.problems)")
        #expect(header.tensors.count == 3)
    }

    @Test func rejectsTruncatedData() {
        let header = GGUFReader.parse(bytes: GGUFBuilder.model().bytes(truncateData: 100))
        #expect(header.problems.contains { $0.message.contains("truncated") })
    }

    @Test func rejectsLyingLengthsWithoutAllocating() {
        var builder = GGUFBuilder()
        builder.keys = [("general.name", 8, builder.int(1 << 40, 8) + Array("x".utf8))]
        #expect(GGUFReader.parse(bytes: builder.bytes()).problems.first?.message.contains("exceeds the limit") == true)
        var counts = GGUFBuilder()
        counts.keys = [("a", 9, counts.int(4, 4) + counts.int(1 << 29, 8))]
        #expect(GGUFReader.parse(bytes: counts.bytes()).problems.first?.message.contains("runs past the end") == true)
        let huge = Array("GGUF".utf8) + [3, 0, 0, 0] + [UInt8](repeating: 0xFF, count: 16)
        #expect(GGUFReader.parse(bytes: huge).problems.first?.message.contains("more than the file can hold") == true)
    }

    @Test func rejectsWhatGgmlRejects() {
        var offsets = GGUFBuilder.model()
        offsets.tensors[1].3 = 0
        #expect(GGUFReader.parse(bytes: offsets.bytes()).problems.contains { $0.message.contains("expected") })
        var removed = GGUFBuilder.model()
        removed.tensors[0].2 = 4
        #expect(GGUFReader.parse(bytes: removed.bytes()).problems.contains { $0.message.contains("removed") })
        var blocks = GGUFBuilder.model()
        blocks.tensors[1].1 = [48, 64]
        #expect(GGUFReader.parse(bytes: blocks.bytes()).problems.contains { $0.message.contains("block size") })
        var duplicate = GGUFBuilder.model()
        duplicate.key("general.name", string: "again")
        #expect(GGUFReader.parse(bytes: duplicate.bytes()).problems.contains { $0.message.contains("duplicate key") })
        var alignment = GGUFBuilder.model()
        alignment.key("general.alignment", u32: 24)
        #expect(GGUFReader.parse(bytes: alignment.bytes()).problems.contains { $0.message.contains("power of two") })
    }

    @Test(.enabled(if: SharedData.has("safety-corpus/benign/ggml-vocab-phi-3.gguf"), "needs ../shared/safety-corpus/benign/ggml-vocab-phi-3.gguf"))
    func readsTheRealVocabularyFile() throws {
        guard let path = SharedData.path("safety-corpus/benign/ggml-vocab-phi-3.gguf") else {
            Issue.record("../shared/safety-corpus/benign/ggml-vocab-phi-3.gguf is not readable")
            return
        }
        let header = GGUFReader.read(try BinaryFile(path: path))
        #expect(header.problems.isEmpty)
        #expect(header.version == 3 && header.tensors.isEmpty && header.metadata.count == 26)
        #expect(header.chatTemplates["tokenizer.chat_template"]?.count == 269)
    }

    @Test func randomMutationsNeverCrash() {
        var generator = SeededGenerator(seed: 0x6607)
        let valid = GGUFBuilder.model().bytes()
        #expect(GGUFReader.parse(bytes: valid).problems.isEmpty)
        var broken = 0
        for _ in 0..<2_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if !GGUFReader.parse(bytes: bytes).problems.isEmpty { broken += 1 }
        }
        #expect(broken > 0)
    }
}
