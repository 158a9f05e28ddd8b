import Testing

@testable import TrustmarkCore

@Suite("Parameter counts")
struct ParameterCountTests {
    @Test(arguments: [
        ("meta-llama/Llama-3.1-8B-Instruct", 8e9), ("mistralai/Mixtral-8x7B-v0.1", 56e9), ("Qwen/Qwen3-30B-A3B", 30e9),
        ("google/gemma-2-2b-it", 2e9), ("Qwen/Qwen2.5-0.5B", 0.5e9), ("EleutherAI/pythia-160m", 160e6),
    ])
    func readsSizesFromNames(name: String, expected: Double) throws {
        let parsed = try #require(ParameterCount.fromName(name))
        #expect(parsed.count == expected)
    }

    @Test(arguments: ["google-bert/bert-base-uncased", "microsoft/Phi-3-mini-4k-instruct", "gpt2", "Llama-3.1", "google/gemma-3n-E4B-it"])
    func ignoresNamesWithoutASize(name: String) {
        #expect(ParameterCount.fromName(name) == nil)
    }

    @Test(arguments: [
        ("Mega-7B is a 7 billion parameter model.", 7e9), ("- Number of Parameters: 7.61B", 7.61e9), ("| Parameters | 124M |", 124e6),
        ("We release a 1.5B-parameter model.", 1.5e9), ("It has 1,234,567 parameters.", 1_234_567), ("Total params: 46.7 B", 46.7e9),
        // DeepSeek-V3's card: the activated count on the same line must not hide the total.
        ("a Mixture-of-Experts language model with 671B total parameters with 37B activated for each token", 671e9),
    ])
    func readsClaimsFromProse(line: String, expected: Double) {
        let claims = ParameterCount.claims(inLine: Substring(line))
        #expect(claims.map(\.count) == [expected])
    }

    @Test(arguments: [
        "Trained on 2T tokens.", "Number of Parameters (Non-Embedding): 6.53B", "3B activated parameters per token", "Llama 2 is great",
        "The Llama 2 parameters were frozen.",
        "Hyperparameters: lr 3e-4, 12 layers", "parameter-efficient fine-tuning with 16 GPUs",
    ])
    func ignoresLinesThatAreNotTotals(line: String) {
        #expect(ParameterCount.claims(inLine: Substring(line)).isEmpty)
    }

    /// Text that is not a claim about this model's size (issue 13, in the shapes of magnet's, rwkv's, mobilellm's,
    /// yi-coder's, dots.llm1's and deepseek-r1's cards).
    @Test(arguments: [
        "Trained on a subset of AudioSet (Gemmeke et al., 2020), with parameters tuned per source.",
        "RWKV-7 V65536-L24-D1024 #params = 2*V*D + 4*D",
        "Models with fewer than 150M parameters do not yield reliable results.",
        "It delivers state-of-the-art coding performance with fewer than 10 billion parameters.",
        "Our model has over 100B parameters in its largest variant.",
        "| | # Activated Params | - | - | 37B | - | - | 37B |",
        "| Non-Embedding Params | 6.5B | 13B |",
    ])
    func boundsYearsIdentifiersAndQualifiedRowsAreNotClaims(line: String) {
        #expect(ParameterCount.claims(inLine: Substring(line)).isEmpty, "\(ParameterCount.claims(inLine: Substring(line)))")
    }

    @Test func theTotalIsKeptBesideTheActivatedCount() {
        let claims = ParameterCount.claims(inLine: "The model activates 14B parameters out of a total of 142B parameters.")
        #expect(claims.map(\.count) == [142e9])
        #expect(ParameterCount.claims(inLine: "| Total Params | 671B |").map(\.count) == [671e9])
        #expect(ParameterCount.claims(inLine: "A 7B parameter model trained in 2024.").map(\.count) == [7e9])
        #expect(ParameterCount.claims(inLine: "It has 124,439,808 parameters.").map(\.count) == [124_439_808])
    }

    @Test func comparesWithinTheRoundingBand() {
        #expect(RatingRules.tm1.parameterCountsAgree(claimed: 7e9, measured: 7_241_732_096))
        #expect(RatingRules.tm1.parameterCountsAgree(claimed: 2e9, measured: 2_614_341_888))  // Gemma 2 2B
        #expect(RatingRules.tm1.parameterCountsAgree(claimed: 56e9, measured: 46_702_792_704))  // Mixtral 8x7B
        #expect(!RatingRules.tm1.parameterCountsAgree(claimed: 7e9, measured: 164_672))
        #expect(!RatingRules.tm1.parameterCountsAgree(claimed: 13e9, measured: 8_030_261_248))
    }

    @Test func formatsForPeople() {
        #expect(ParameterCount.format(8_030_261_248) == "8.03B")
        #expect(ParameterCount.format(124_439_808) == "124.4M")
        #expect(ParameterCount.format(164_672) == "164.7K")
        #expect(ParameterCount.format(42) == "42")
        #expect(ParameterCount.format(1_000_000) == "1M")
    }
}
