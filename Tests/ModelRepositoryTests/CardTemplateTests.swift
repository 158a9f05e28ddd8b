import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

/// Cards as publishers write them (issue 13): the bold-field template of Meta/FAIR cards, other headings for the same
/// sections, and cards in Chinese. Our own small cards, in the shapes of musicgen's, whisper's and bark's.
@Suite("Card templates")
struct CardTemplateTests {
    static func kinds(_ card: String) -> [SectionKind: CardSection] {
        let parsed = ModelCardParser.parse(TextDocument(path: "README.md", text: card))
        var found: [SectionKind: CardSection] = [:]
        for section in parsed.sections { for kind in section.kinds where found[kind] == nil { found[kind] = section } }
        return found
    }

    @Test func boldFieldsOpenSectionsWithTheirTextOnTheSameLine() throws {
        let card = """
            # Model card

            **Model date:** trained between April and May 2023.

            **Where to send questions or comments about the model:** questions and comments can be sent through the project's issue tracker at https://example.org/issues.

            **Primary intended use:** research on music generation by machine learning researchers who want to study the limits of generative models.
            """
        let found = Self.kinds(card)
        let contact = try #require(found[.contact])
        #expect(contact.title == "Where to send questions or comments about the model")
        #expect(contact.wordCount >= 12 && contact.specificItems >= 1)
        #expect(found[.uses]?.title == "Primary intended use")
        #expect(MarkdownOutline.field("**Note** no colon") == nil)
        #expect(MarkdownOutline.field("**Label:**") == nil)  // nothing after it: a bold-only heading, handled elsewhere
        #expect(MarkdownOutline.field("**License**: MIT")?.label == "License")
    }

    @Test(arguments: [
        ("Model Use", SectionKind.uses), ("Evaluated Use", .uses), ("Broader Implications", .limitations),
        ("用途", .uses), ("局限性", .limitations), ("训练数据", .trainingData), ("模型评测", .evaluation), ("快速开始", .gettingStarted),
        ("联系我们", .contact), ("超出范围的使用", .outOfScope),
    ])
    func headingsOfTheSameSection(heading: String, kind: SectionKind) {
        #expect(SectionClassifier.kinds(forHeading: heading).contains(kind), "\(heading)")
    }

    @Test func aSectionInChineseIsNotAStub() throws {
        let card = "---\nlicense: apache-2.0\n---\n# 模型\n\n## 局限性\n\n本模型可能生成不准确或有偏见的内容，不应用于医疗、法律等高风险场景的决策。\n"
        let section = try #require(Self.kinds(card)[.limitations])
        #expect(section.wordCount >= 15, "\(section.wordCount)")
        let rating = try TemporaryRepository(["README.md": card]).rating()
        #expect(rating.outcome(.section(.limitations)) == .pass)
    }
}
