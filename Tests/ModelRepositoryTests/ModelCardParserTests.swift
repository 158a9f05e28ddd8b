import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

@Suite("Model card parser")
struct ModelCardParserTests {
    static let card = """
        ---
        license: other
        license_name: acme-model-license
        license_link: LICENSE
        base_model:
          - org/base-a
          - org/base-b
        datasets: allenai/c4
        tags: [chat, llama]
        model-index:
          - name: m
            results:
              - task: {type: text-generation}
                dataset: {name: MMLU, type: cais/mmlu}
                metrics:
                  - {type: acc, value: 61.2, verifyToken: abc}
                source: {name: leaderboard, url: https://example.org/board}
        co2_eq_emissions: 12
        ---
        # Model

        ## Uses
        <!-- Address questions around how the model is intended to be used -->
        It writes SQL for analysts, see https://arxiv.org/abs/2401.00001 and [data](https://huggingface.co/datasets/org/sql).

        ### Out-of-Scope Use
        [More Information Needed]

        ```python
        # Not a heading
        ```

        Training Data
        -------------
        Mail dev@example.org or visit https://github.com/org/repo.

        | Benchmark | Score |
        |---|---|
        | MMLU | 61.2 |

        **Evaluation**
        Results above. doi:10.5555/12345
        """

    @Test func readsHubMetadataWithLines() throws {
        let card = ModelCardParser.parse(TextDocument(path: "README.md", text: ModelCardParserTests.card))
        let metadata = card.metadata
        #expect(card.metadataProblems.isEmpty, "\(card.metadataProblems)")
        #expect(card.frontMatterLines == 1...19)
        #expect(metadata.license?.value == "other")
        #expect(metadata.license?.line == 2)
        #expect(metadata.license?.pointer == "/license")
        #expect(metadata.licenseName?.value == "acme-model-license")
        #expect(metadata.baseModels.map(\.value) == ["org/base-a", "org/base-b"])
        #expect(metadata.baseModels.map(\.line) == [6, 7])
        #expect(metadata.baseModels[1].pointer == "/base_model/1")
        #expect(metadata.datasets.map(\.value) == ["allenai/c4"])
        #expect(metadata.tags.map(\.value) == ["chat", "llama"])
        #expect(metadata.co2Emissions != nil)
        let result = try #require(metadata.evaluationResults.first)
        #expect(result.dataset == "MMLU" && result.metric == "acc" && result.value == "61.2")
        #expect(result.verified && result.sourceURL == "https://example.org/board")
    }

    @Test func outlinesTheBody() throws {
        let card = ModelCardParser.parse(TextDocument(path: "README.md", text: ModelCardParserTests.card))
        #expect(card.sections.map(\.title) == ["Model", "Uses", "Out-of-Scope Use", "Training Data", "Evaluation"])
        let uses = try #require(card.sections(.uses).first)
        #expect(uses.line == 22)
        #expect(!uses.kinds.contains(.outOfScope))
        #expect(card.sections(.outOfScope).first?.placeholderLines == [27])
        #expect(card.sections(.outOfScope).first?.wordCount == 0)
        #expect(card.sections(.trainingData).first?.line == 33)
        #expect(card.sections(.evaluation).first?.level == 7)
        #expect(card.sections.first?.kinds.isEmpty == true)  // the title
        #expect(card.placeholderLines == [27])
        #expect(card.tables.count == 1)
        #expect(card.tables.first?.numericCells == 1)
        let kinds = card.links.map(\.kind)
        #expect(kinds.contains(.arxiv) && kinds.contains(.hubDataset) && kinds.contains(.email) && kinds.contains(.github) && kinds.contains(.doi))
        #expect(card.links.first { $0.kind == .arxiv }?.line == 24)
        // Comments are not words.
        #expect(uses.wordCount < 20)
    }

    /// A BibTeX field's closing brace is not part of its URL (braces never are): the paper is one link, not two.
    @Test func bibtexURLFieldsEndAtTheirBrace() throws {
        let text = """
            # Model
            Paper: https://arxiv.org/abs/2403.13784

            ```bibtex
            @misc{model2024,
              url    = {https://arxiv.org/abs/2403.13784},
              howpublished = {\\url{https://github.com/org/model}}
            }
            ```
            """
        let card = ModelCardParser.parse(TextDocument(path: "README.md", text: text))
        let urls = card.links.map(\.url)
        // Found on both lines (links keep their line), and the same link both times.
        #expect(Set(urls.filter { $0.contains("2403.13784") }) == ["https://arxiv.org/abs/2403.13784"])
        #expect(card.links.filter { $0.url.contains("2403.13784") }.map(\.line) == [2, 6])
        #expect(urls.contains("https://github.com/org/model"))
        #expect(!urls.contains { $0.contains("{") || $0.contains("}") })
    }

    @Test func reportsMalformedYAMLWithItsLine() {
        let card = ModelCardParser.parse(TextDocument(path: "README.md", text: "---\nlicense: mit\ntags: [a, b\n---\n# x\n"))
        #expect(card.metadataProblems.first?.message.contains("invalid YAML") == true)
        #expect((3...4).contains(card.metadataProblems.first?.line ?? 0))
        #expect(card.metadata.license == nil)
    }

    @Test func stopsAliasBombsWithinTheBudget() {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let clock = ContinuousClock()
        let started = clock.now
        let card = ModelCardParser.parse(TextDocument(path: "README.md", text: "---\n" + yaml + "license: mit\n---\nbody\n"))
        #expect(clock.now - started < .seconds(2))
        #expect(card.metadataProblems.first?.message.contains("alias bomb") == true)
        #expect(card.metadata.license == nil)
    }

    @Test func refusesDeepNestingBeforeParsing() {
        let deep = "---\nx: " + String(repeating: "[", count: 50_000) + "\n---\n"
        let card = ModelCardParser.parse(TextDocument(path: "README.md", text: deep))
        #expect(card.metadataProblems.first?.message.contains("nests deeper") == true)
    }

    @Test func handlesCardsWithoutOrWithUnclosedFrontMatter() {
        let plain = ModelCardParser.parse(TextDocument(path: "README.md", text: "# Title\n\n## Limitations\nIt hallucinates dates before 1900.\n"))
        #expect(plain.frontMatterLines == nil)
        #expect(plain.metadataProblems.isEmpty)
        #expect(plain.sections(.limitations).count == 1)
        let unclosed = ModelCardParser.parse(TextDocument(path: "README.md", text: "---\nlicense: mit\n# Title\n"))
        #expect(unclosed.metadataProblems.first?.message.contains("never closed") == true)
    }

    @Test func reportsWrongValueTypes() {
        let card = ModelCardParser.parse(TextDocument(path: "README.md", text: "---\nlicense: [mit, apache-2.0]\ndatasets: {a: 1}\n---\n"))
        #expect(card.metadata.license?.value == "mit")
        #expect(card.metadataProblems.map(\.line).sorted() == [2, 3])
    }

    static let headings: [(String, Set<SectionKind>)] = [
        ("Intended uses & limitations", [.uses, .limitations]), ("How to use", [.gettingStarted]), ("Out-of-Scope Use", [.outOfScope]),
        ("Training Data", [.trainingData]), ("Training Details", [.trainingProcedure]), ("📊 Evaluation Results", [.evaluation]),
        ("Model Card Contact", [.contact]), ("Metadata", []), ("3.2 Bias, Risks, and Limitations", [.limitations]),
    ]

    @Test(arguments: headings)
    func classifiesHeadings(heading: String, kinds: Set<SectionKind>) {
        #expect(SectionClassifier.kinds(forHeading: heading) == kinds)
    }

    /// Seeded random cards: every parse keeps its line numbers inside the document, and the inputs are varied enough
    /// to reach headings and front matter (so the loop is not vacuous).
    @Test func survivesArbitraryBytes() {
        var generator = SeededGenerator(seed: 0x7A11)
        var withSections = 0, withFrontMatter = 0
        for _ in 0..<400 {
            let length = Int.random(in: 0..<400, using: &generator)
            let alphabet = Array("---\n#|*[]()`~<!->:&@ abc123{}\"'\t\r\u{FEFF}é".unicodeScalars)
            var text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            if Bool.random(using: &generator) { text = "---\nlicense: mit\n---\n## Uses\n" + text }
            let card = ModelCardParser.parse(TextDocument(path: "README.md", text: text))
            let lines = card.document.lines.count
            #expect(card.sections.allSatisfy { $0.line >= 1 && ($0.line <= $0.endLine || $0.endLine == $0.line - 1) && $0.endLine <= max(lines, 1) })
            #expect(card.links.allSatisfy { $0.line >= 1 && $0.line <= max(lines, 1) })
            if !card.sections.isEmpty { withSections += 1 }
            if card.frontMatterLines != nil { withFrontMatter += 1 }
        }
        #expect(withSections > 100 && withFrontMatter > 100)
    }
}
