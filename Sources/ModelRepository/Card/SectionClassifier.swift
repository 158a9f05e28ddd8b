import TrustmarkCore

/// Maps a heading's text to the card sections it stands for.
enum SectionClassifier {
    /// Checked in order; some kinds exclude others ("Out-of-scope use" is not "Uses").
    static let rules: [(kind: SectionKind, keywords: [String], excludes: [SectionKind])] = [
        (.outOfScope, ["out-of-scope", "out of scope", "misuse", "prohibited", "malicious use", "unintended use"], [.uses]),
        (
            .gettingStarted,
            [
                "how to get started", "get started", "getting started", "quickstart", "quick start", "usage", "how to use",
                "inference", "example", "use with", "running the model", "installation", "run the model", "code snippet",
            ], [.uses]
        ),
        (.limitations, ["limitation", "bias", "risk", "ethical", "safety", "responsible", "caveat", "harm", "considerations"], []),
        (
            .trainingData,
            [
                "training data", "dataset", "pretraining data", "pre-training data", "training corpus", "data sources", "data mixture",
                "data collection", "training set", "data",
            ], [.trainingProcedure]
        ),
        (
            .trainingProcedure,
            [
                "training procedure", "training details", "training", "hyperparameter", "fine-tuning", "finetuning",
                "preprocessing", "training regime", "pretraining", "pre-training", "post-training",
            ], []
        ),
        (.evaluation, ["evaluation", "results", "benchmark", "performance", "metrics", "eval"], []),
        (.uses, ["uses", "intended use", "use case", "applications", "direct use", "downstream use", "intended purpose"], []),
        (.contact, ["contact", "feedback", "questions", "support", "get in touch"], []),
        (.citation, ["citation", "cite", "bibtex", "reference"], []),
        (.environmentalImpact, ["environmental", "carbon", "compute infrastructure", "hardware", "energy", "emissions"], []),
        (.changelog, ["changelog", "change log", "updates", "news", "release notes", "version history", "what's new", "release history"], []),
        (
            .modelDetails,
            [
                "model details", "model description", "model summary", "overview", "model information", "model architecture",
                "architecture",
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
            var forms = [" \(phrase) ", " \(phrase)s ", " \(phrase)-"]
            if phrase.hasSuffix("y") { forms.append(" \(phrase.dropLast())ies ") }
            if phrase.count > 6 { forms.append(" \(phrase)") }
            return forms.map { Array($0.utf8) }
        }
    }
}
