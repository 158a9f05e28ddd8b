import TrustmarkCore

/// Maps a heading's text to the card sections it stands for.
enum SectionClassifier {
    /// Checked in order; some kinds exclude others ("Out-of-scope use" is not "Uses").
    static let rules: [(kind: SectionKind, keywords: [String], excludes: [SectionKind])] = [
        (.outOfScope, ["out-of-scope", "out of scope", "misuse", "prohibited", "malicious use", "unintended use"], [.uses]),
        (.gettingStarted, ["how to get started", "get started", "getting started", "quickstart", "quick start", "usage", "how to use",
                           "inference", "example", "use with", "running the model", "installation", "run the model", "code snippet"], [.uses]),
        (.limitations, ["limitation", "bias", "risk", "ethical", "safety", "responsible", "caveat", "harm", "considerations"], []),
        (.trainingData, ["training data", "dataset", "pretraining data", "pre-training data", "training corpus", "data sources", "data mixture",
                         "data collection", "training set", "data"], [.trainingProcedure]),
        (.trainingProcedure, ["training procedure", "training details", "training", "hyperparameter", "fine-tuning", "finetuning",
                              "preprocessing", "training regime", "pretraining", "pre-training", "post-training"], []),
        (.evaluation, ["evaluation", "results", "benchmark", "performance", "metrics", "eval"], []),
        (.uses, ["uses", "intended use", "use case", "applications", "direct use", "downstream use", "intended purpose"], []),
        (.contact, ["contact", "feedback", "questions", "support", "get in touch"], []),
        (.citation, ["citation", "cite", "bibtex", "reference"], []),
        (.environmentalImpact, ["environmental", "carbon", "compute infrastructure", "hardware", "energy", "emissions"], []),
        (.changelog, ["changelog", "change log", "updates", "news", "release notes", "version history", "what's new", "release history"], []),
        (.modelDetails, ["model details", "model description", "model summary", "overview", "model information", "model architecture",
                         "architecture"], []),
    ]

    static func kinds(forHeading heading: String) -> Set<SectionKind> {
        let title = normalise(heading)
        var kinds = Set<SectionKind>()
        var excluded = Set<SectionKind>()
        for rule in rules where !excluded.contains(rule.kind) {
            if rule.keywords.contains(where: { containsPhrase(title, $0) }) {
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

    /// Whole-word containment: "data" matches "training data" but not "metadata".
    static func containsPhrase(_ normalisedTitle: String, _ phrase: String) -> Bool {
        normalisedTitle.contains(" \(phrase) ") || normalisedTitle.contains(" \(phrase)s ") || normalisedTitle.contains(" \(phrase)-")
            || (phrase.hasSuffix("y") && normalisedTitle.contains(" \(phrase.dropLast())ies "))
            || (phrase.count > 6 && normalisedTitle.contains(" \(phrase)"))
    }
}
