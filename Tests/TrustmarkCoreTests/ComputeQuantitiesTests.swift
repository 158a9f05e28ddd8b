import Testing

@testable import TrustmarkCore

/// Training compute and training tokens as model cards write them.
@Suite("Compute quantities")
struct ComputeQuantitiesTests {
    @Test(arguments: [
        ("Training compute: 3.8e25 FLOPs", 3.8e25),
        ("The final run used 3.8E+25 FLOP.", 3.8e25),
        ("a total of 3.8 × 10^25 FLOPs across all stages", 3.8e25),
        ("approximately 10²⁵ FLOPs", 1e25),
        ("about 2.1x10**24 training FLOPs (1.2e23 for the SFT stage)", 2.1e24),
        ("2,100 petaflop/s-days of compute", 2100 * 8.64e19),
        ("Compute: 5 zettaFLOPs", 5e21),
    ])
    func flopCounts(line: String, expected: Double) {
        let value = ComputeQuantities.flop(in: line)
        #expect(value.map { abs($0 - expected) / expected < 1e-9 } == true, "\(line): \(String(describing: value))")
    }

    @Test(arguments: [
        "Trained on 2048 H800 GPUs for 2.788M GPU hours with FP8 FLOPs utilisation of 40%",
        "FLOPs are not disclosed.",
        "Trained in 2024 with bf16.",
    ])
    func linesWithoutACountGiveNothing(line: String) {
        #expect(ComputeQuantities.flop(in: line) == nil, "\(line)")
    }

    @Test(arguments: [
        ("The model was pre-trained on 14.8 trillion tokens.", 1.48e13),
        ("Trained on 15T tokens of public data", 1.5e13),
        ("Training data: 2.5B tokens", 2.5e9),
        ("trained on 36 trillion tokens (up from 18 trillion tokens)", 3.6e13),
    ])
    func trainingTokens(line: String, expected: Double) {
        let value = ComputeQuantities.trainingTokens(in: line)
        #expect(value.map { abs($0 - expected) / expected < 1e-9 } == true, "\(line): \(String(describing: value))")
    }

    @Test func contextLengthsAreNotTrainingTokens() {
        #expect(ComputeQuantities.trainingTokens(in: "Trained with a context length of 128K tokens") == nil)
        #expect(ComputeQuantities.trainingTokens(in: "An 8B model trained on 2 tokens per parameter") == nil)
    }
}
