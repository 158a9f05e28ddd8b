import TrustmarkCore

/// Maps a heading's text to the card sections it stands for.
enum SectionClassifier {
    /// Checked in order; some kinds exclude others ("Out-of-scope use" is not "Uses").
    static let rules: [(kind: SectionKind, keywords: [String], excludes: [SectionKind])] = [
        (
            .outOfScope, ["out-of-scope", "out of scope", "misuse", "prohibited", "malicious use", "unintended use", "超出范围", "禁止", "不适用", "滥用"],
            [.uses]
        ),
        (
            .gettingStarted,
            [
                "how to get started", "get started", "getting started", "quickstart", "quick start", "usage", "how to use",
                "inference", "example", "use with", "running the model", "installation", "run the model", "code snippet",
                "快速开始", "快速上手", "快速使用", "使用方法", "如何使用", "推理", "部署", "安装",
            ], [.uses]
        ),
        (
            .limitations,
            [
                "limitation", "bias", "risk", "ethical", "safety", "responsible", "caveat", "harm", "considerations", "broader implications",
                "局限", "限制", "偏见", "风险", "安全", "伦理",
            ], []
        ),
        (
            .trainingData,
            [
                "training data", "dataset", "pretraining data", "pre-training data", "training corpus", "data sources", "data mixture",
                "data collection", "training set", "data", "训练数据", "数据集", "预训练数据", "训练语料",
            ], [.trainingProcedure]
        ),
        (
            .trainingProcedure,
            [
                "training procedure", "training details", "training", "hyperparameter", "fine-tuning", "finetuning",
                "preprocessing", "training regime", "pretraining", "pre-training", "post-training", "训练细节", "训练过程", "训练方法",
                "训练策略",
            ], []
        ),
        (.evaluation, ["evaluation", "results", "benchmark", "performance", "metrics", "eval", "评估", "评测", "效果", "性能", "基准"], []),
        (
            .uses,
            [
                "uses", "intended use", "use case", "applications", "direct use", "downstream use", "intended purpose", "model use",
                "evaluated use", "primary use", "intended users", "用途", "使用场景", "应用场景", "预期用途",
            ], []
        ),
        (.contact, ["contact", "feedback", "questions", "support", "get in touch", "联系", "反馈"], []),
        (.citation, ["citation", "cite", "bibtex", "reference", "引用"], []),
        (.environmentalImpact, ["environmental", "carbon", "compute infrastructure", "hardware", "energy", "emissions"], []),
        (
            .changelog,
            ["changelog", "change log", "updates", "news", "release notes", "version history", "what's new", "release history", "更新", "新闻", "动态"],
            []
        ),
        (
            .modelDetails,
            [
                "model details", "model description", "model summary", "overview", "model information", "model architecture",
                "architecture", "模型介绍", "模型简介", "模型概述", "模型信息",
            ], []
        ),
    ]

    static func kinds(forHeading heading: String) -> Set<SectionKind> {
        let title = Array(normalise(heading).utf8)
        var kinds = Set<SectionKind>()
        var excluded = Set<SectionKind>()
        for (rule, needles) in zip(rules, needles) where !excluded.contains(rule.kind) {
            if needles.contains(where: { keyword in keyword.contains { ByteSearch.contains($0, in: title) } }) {
                kinds.insert(rule.kind)
                excluded.formUnion(rule.excludes)
            }
        }
        // "Evaluation datasets" names the benchmarks, not the training data ("Training and evaluation data" is both).
        if kinds.contains(.evaluation), kinds.contains(.trainingData), !ByteSearch.contains(Array("train".utf8), in: title),
            !ByteSearch.contains(Array("训练".utf8), in: title)
        {
            kinds.remove(.trainingData)
        }
        return kinds.subtracting(excluded)
    }

    /// Lower-case letters, digits and single spaces; numbering ("3.2") and emoji are dropped.
    static func normalise(_ heading: String) -> String {
        var result = ""
        for character in heading.lowercased() {
            if character.isLetter || character == "-" || character == "'" {
                result.append(character)
            } else if !result.hasSuffix(" ") {
                result.append(" ")
            }
        }
        return " " + result.trimmingSpaces() + " "
    }

    /// Whole-word containment: "data" matches "training data" but not "metadata", searched as bytes (Foundation's
    /// `contains` on String went through CFString: 180 µs a heading). Each keyword's forms, worked out once:
    /// ` phrase `, ` phrases `, ` phrase-`, ` phrasies ` for a phrase in -y, and ` phrase…` for long ones.
    static let needles: [[[[UInt8]]]] = rules.map { rule in
        rule.keywords.map { phrase in
            // Chinese headings have no spaces between words: the phrase anywhere in the heading.
            if phrase.unicodeScalars.contains(where: \.properties.isIdeographic) { return [Array(phrase.utf8)] }
            var forms = [" \(phrase) ", " \(phrase)s ", " \(phrase)-"]
            if phrase.hasSuffix("y") { forms.append(" \(phrase.dropLast())ies ") }
            if phrase.count > 6 { forms.append(" \(phrase)") }
            return forms.map { Array($0.utf8) }
        }
    }
}
