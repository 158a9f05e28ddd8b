import Testing
import TrustmarkCore
@testable import ModelFormats

/// Random and mutated inputs must give problems, never a crash or a hang.
@Suite("Random input")
struct RandomInputTests {
    @Test func mutatedSafetensorsNeverCrash() {
        var generator = SystemRandomNumberGenerator()
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
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("{}[]\":,0123456789.eE+-tfnulrsa \\\n".utf8)
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            _ = try? JSONParser.parse(bytes)
        }
    }
}
