import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelFormats

/// Random and mutated inputs must give problems, never a crash or a hang.
@Suite("Random input")
struct RandomInputTests {
    @Test func mutatedSafetensorsNeverCrash() {
        var generator = SeededGenerator(seed: 0x5AFE)
        let valid = SafetensorsBuilder.small.bytes()
        var fatal = 0
        for _ in 0..<2_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { bytes.removeLast(Int.random(in: 0..<min(40, bytes.count), using: &generator)) }
            let header = SafetensorsReader.parse(file: bytes)
            let facts = header.facts(path: "fuzz", fileSize: UInt64(bytes.count))
            if header.problems.contains(where: \.isFatal) {
                fatal += 1
                #expect(facts.parameterCount == nil)
            }
        }
        #expect(fatal > 0)
    }

    @Test func randomJSONNeverCrashes() {
        var generator = SeededGenerator(seed: 0x150)
        let alphabet = Array("{}[]\":,0123456789.eE+-tfnulrsa \\\n".utf8)
        var parsed = 0, refused = 0
        for _ in 0..<5_000 {
            var bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            if Int.random(in: 0..<4, using: &generator) == 0 { bytes = Array("[\(bytes.count % 10)]".utf8) }
            do {
                _ = try JSONParser.parse(bytes)
                parsed += 1
            } catch {
                refused += 1
            }
        }
        #expect(parsed > 0 && refused > 0)
    }
}
