import TrustmarkCore

/// The human-readable report: grade and why, dimension bars, the worst findings first with their
/// evidence and a fix, then what passed, then the model's facts.
///
/// Everything that comes from the repository or a server (names, paths, messages that quote the card, snippets,
/// facts) goes through `safe`, and every finished line through `TerminalText.finalLine`: no file name can clear the
/// screen, hide text or start a line of its own.
public enum TerminalReport {
    /// Untrusted text for one line of the report.
    static func safe(_ text: String) -> String { TerminalText.escape(text) }

    public static func render(_ record: RatingRecord, style: TerminalStyle, verbose: Bool = false) -> String {
        let rating = record.rating
        var out: [String] = []
        let subject = rating.subject
        let revision = subject.revision.map { " @ \(safe(String($0.prefix(12))))" } ?? ""
        out.append(style.bold("Trustmark \(rating.methodology.name)") + "  \(safe(subject.name))\(revision)")
        if let digest = subject.digest {
            out.append(style.dim("digest \(digest)"))
        } else {
            out.append(style.dim("digest: not computed (files were not all hashed)"))
        }
        // Notes about the rating as a whole (a Hub that could not be reached, so the cached copy was rated).
        for note in record.problems where note.path.isEmpty { out.append(style.magenta("Note: ") + safe(note.message)) }
        out.append("")
        out.append("Grade " + gradeBadge(rating, style: style) + "   score \(format(rating.score))/100   coverage \(percent(rating.coverage))")
        out.append(contentsOf: why(rating, style: style))
        // The question most readers come with, answered in words next to the grade.
        let commercial = rating.commercialUse
        if commercial.conditions.isEmpty {
            out.append(
                "Commercial use  " + commercialBadge(commercial.answer, style: style)
                    + safe(String(commercial.summary.dropFirst(commercial.answer.phrase.count))))
        } else {
            out.append(
                "Commercial use  " + commercialBadge(commercial.answer, style: style)
                    + style.dim(" — conditions from the licence (\(commercial.basis)):"))
            for condition in commercial.conditions.prefix(6) {
                let place = condition.path.map { path in condition.line.map { "\(path):\($0)" } ?? path } ?? ""
                out.append("  • " + safe(condition.text) + (place.isEmpty ? "" : style.dim("  \(safe(place))")))
            }
            if commercial.conditions.count > 6 { out.append(style.dim("  … \(commercial.conditions.count - 6) more (License terms below)")) }
        }
        out.append("Loading         " + loadingSummary(rating, style: style))
        out.append("")
        out.append(style.bold("Dimensions"))
        for dimension in rating.dimensions {
            let name = dimension.dimension.title.padding(to: 20)
            guard let score = dimension.score else {
                out.append("  \(name) " + style.dim("not rated"))
                continue
            }
            let coverageNote = dimension.coverage < 1 ? style.magenta("  coverage \(percent(dimension.coverage))") : ""
            out.append(
                "  \(name) \(bar(score, style: style)) \(format(score).leftPadding(to: 5))  " + style.dim("weight \(Int(dimension.weight))")
                    + coverageNote)
        }

        // Worst outcome first; among equals, what loading would do (Artifact safety: remote code, pickles, templates)
        // before documentation gaps.
        let safetyChecks = Set(rating.checks.filter { $0.dimension == .artifactSafety }.map(\.id))
        let ordered = rating.findings.enumerated().sorted { lhs, rhs in
            if lhs.element.outcome != rhs.element.outcome { return lhs.element.outcome > rhs.element.outcome }
            let lhsSafety = safetyChecks.contains(lhs.element.check), rhsSafety = safetyChecks.contains(rhs.element.check)
            if lhsSafety != rhsSafety { return lhsSafety }
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity > rhs.element.severity }
            return lhs.offset < rhs.offset
        }.map(\.element)
        let problems = ordered.filter { [.unsafe, .contradicted, .unknown, .absent, .claimed].contains($0.outcome) }
        out.append("")
        out.append(style.bold("Findings, worst first") + style.dim(" (\(problems.count))"))
        for finding in problems {
            out.append(
                "  " + outcomeLabel(finding.outcome, style: style) + " " + style.bold(finding.check.rawValue.padding(to: 16)) + safe(finding.message))
            for evidence in finding.evidence.prefix(verbose ? 8 : 2) {
                out.append("      " + style.cyan("→ " + describe(evidence)))
            }
            if let remediation = finding.remediation, finding.outcome != .claimed || verbose {
                out.append("      " + style.dim("fix: " + safe(remediation)))
            }
        }
        let clauses = rating.findings.filter { $0.check == .licenseRestrictions && $0.outcome == .pass && $0.values["kind"] != nil }
        if !clauses.isEmpty {
            out.append("")
            out.append(style.bold("License terms") + style.dim(" (\(clauses.count), from the license texts)"))
            for clause in clauses {
                out.append("  • " + safe(clause.message) + style.dim("  " + (clause.evidence.first.map(describeLocation) ?? "")))
            }
        }
        // Licence clauses are conditions (listed above and under the commercial-use answer), not passed checks.
        let passed = rating.checks.filter { $0.outcome == .pass && $0.id != .licenseRestrictions }
        let notApplicable = rating.checks.filter { $0.outcome == .notApplicable }
        out.append("")
        out.append(style.green("Passed (\(passed.count))"))
        for check in passed { out.append("  " + style.green("✓") + " " + check.id.rawValue.padding(to: 24) + safe(check.title)) }
        if !notApplicable.isEmpty {
            out.append(
                style.dim(
                    "Not applicable (\(notApplicable.count)): " + notApplicable.map { "\($0.id.rawValue) \($0.title)" }.joined(separator: " · ")))
        }
        if verbose {
            for finding in ordered where finding.outcome == .pass {
                out.append("  " + outcomeLabel(.pass, style: style) + " " + finding.check.rawValue.padding(to: 16) + safe(finding.message))
            }
        }
        if !rating.frameworks.isEmpty {
            out.append("")
            out.append(style.bold("Frameworks") + style.dim(" (labels over the findings; no effect on the score)"))
            for label in rating.frameworks {
                out.append("  " + label.name.padding(to: 58) + safe(label.verdict))
                if verbose {
                    for line in label.details { out.append(style.dim("      " + safe(line))) }
                    for line in label.notAutomated { out.append(style.dim("      not automated: " + safe(line))) }
                }
            }
        }
        out.append("")
        out.append(style.bold("Model") + "  " + facts(rating.facts))
        let unread = record.problems.filter { !$0.path.isEmpty }
        if !unread.isEmpty {
            out.append(
                style.magenta("Not read (\(unread.count)): ")
                    + unread.prefix(5).map { "\(safe($0.path)) (\(safe($0.message)))" }.joined(separator: "; "))
        }
        return out.map { TerminalText.finalLine($0, allowingColor: style.colors) }.joined(separator: "\n") + "\n"
    }

    /// What loading the model would do, in one line: the formats, whether repository code runs, the chat template.
    static func loadingSummary(_ rating: Rating, style: TerminalStyle) -> String {
        func outcome(_ check: CheckID) -> Outcome? { rating.checks.first { $0.id == check }?.outcome }
        var parts: [String] = []
        let formats = rating.facts.weightFormats
        switch outcome(.artifactCode) {
        case .unsafe?: parts.append(style.red("a model file runs code when loaded (A2)"))
        case .unknown?: parts.append(style.magenta("\(formats.isEmpty ? "model files" : formats.joined(separator: "+")) not fully checked (A2)"))
        case .pass?:
            let pickles = formats.contains { !["safetensors", "gguf", "onnx"].contains($0) }
            parts.append(
                pickles
                    ? style.yellow("\(formats.joined(separator: "+")): pickles, statically checked — no code found")
                    : style.green("\(formats.joined(separator: "+")) only: no code in the weights"))
        default:
            let safe = !formats.isEmpty && formats.allSatisfy { ["safetensors", "gguf"].contains($0) }
            parts.append(
                formats.isEmpty
                    ? style.dim("no weight files in these files")
                    : safe ? style.green("\(formats.joined(separator: "+")) only: no code in the weights") : style.dim(formats.joined(separator: "+"))
            )
        }
        switch outcome(.remoteCode) {
        case .unsafe?: parts.append(style.red("repository code runs and calls what starts processes or evaluates code (A3)"))
        case .absent?, .unknown?: parts.append(style.yellow("repository code runs with trust_remote_code (A3)"))
        default: parts.append(style.green("no repository code"))
        }
        switch outcome(.chatTemplate) {
        case .unsafe?: parts.append(style.red("a chat template reaches Python (A9)"))
        case .claimed?: parts.append(style.yellow("a chat template holds a URL (A9)"))
        case .pass?: parts.append(style.green("chat template inert"))
        default: break
        }
        return parts.joined(separator: style.dim(" · "))
    }

    static func commercialBadge(_ answer: CommercialUse.Answer, style: TerminalStyle) -> String {
        switch answer {
        case .allowed: return style.green(answer.phrase)
        case .allowedWithConditions, .capped: return style.yellow(answer.phrase)
        case .notAllowed: return style.red(answer.phrase)
        case .unknown: return style.magenta(answer.phrase)
        }
    }

    static func gradeBadge(_ rating: Rating, style: TerminalStyle) -> String {
        let text = " \(rating.label) "
        if rating.isUnsafe { return style.paint(text, "1;41;97") }
        guard let grade = rating.grade else { return style.paint(text, "1;45;97") }
        switch grade {
        case .a, .b: return style.paint(text, "1;42;30")
        case .c: return style.paint(text, "1;43;30")
        case .d, .f: return style.paint(text, "1;41;97")
        }
    }

    /// The gates that shaped the grade, in words.
    static func why(_ rating: Rating, style: TerminalStyle) -> [String] {
        let triggered = rating.gates.filter(\.triggered)
        guard !triggered.isEmpty else {
            return [style.dim("No gate applied: the grade is the score's letter (A ≥ 85, B ≥ 70, C ≥ 55, D ≥ 40).")]
        }
        return triggered.map { gate in
            let count = gate.findingIDs.count
            let what: String
            switch gate.gate {
            case .unsafe: what = style.red("✖ \(count) unsafe finding\(count == 1 ? "" : "s"): grade F")
            case .noLicense: what = style.yellow("! no license declared: grade at most D")
            case .contradicted: what = style.yellow("⚠ \(count) claim\(count == 1 ? "" : "s") contradicted by the files: one grade lower, at most B")
            case .incomplete: what = style.magenta("? \(count) important check\(count == 1 ? "" : "s") could not be observed: no grade")
            case .partialEvidence: what = style.magenta("◐ partial evidence: \(safe(gate.effect))")
            }
            return "  " + what + style.dim("  [\(gate.findingIDs.prefix(4).joined(separator: ", "))]")
        }
    }

    static func outcomeLabel(_ outcome: Outcome, style: TerminalStyle) -> String {
        let text = outcome.rawValue.padding(to: 14)
        switch outcome {
        case .unsafe: return style.red(style.bold(text))
        case .contradicted: return style.yellow(style.bold(text))
        case .unknown: return style.magenta(text)
        case .absent: return style.dim(text)
        case .claimed: return style.cyan(text)
        case .pass: return style.green(text)
        case .notApplicable: return style.dim(text)
        }
    }

    /// `README.md:12 "snippet"`, `model.safetensors bytes 0-1208`, `config.json /architectures/0`, escaped.
    static func describe(_ evidence: Evidence) -> String { safe(describeRaw(evidence)) }

    static func describeRaw(_ evidence: Evidence) -> String {
        var text: String
        switch evidence.kind {
        case .file:
            text = evidence.path ?? "?"
            if let start = evidence.lineStart {
                text += ":\(start)" + (evidence.lineEnd.map { $0 != start ? "-\($0)" : "" } ?? "")
            } else if let start = evidence.byteStart, let end = evidence.byteEnd {
                text += " bytes \(start)-\(end)"
            }
            if let pointer = evidence.pointer { text += " \(pointer)" }
        case .metadata:
            text = "\(evidence.source ?? "metadata")\(evidence.pointer ?? "")"
        case .derived:
            text = "rule \(evidence.rule ?? "?") over \((evidence.derivedFrom ?? []).joined(separator: ", "))"
        }
        if let snippet = evidence.snippet, !snippet.isEmpty { text += "  \"\(snippet)\"" }
        return text
    }

    /// `LICENSE:29`, without the snippet.
    static func describeLocation(_ evidence: Evidence) -> String {
        guard let path = evidence.path else { return "" }
        return safe(evidence.lineStart.map { "\(path):\($0)" } ?? path)
    }

    static func facts(_ facts: ModelFacts) -> String { safe(rawFacts(facts)) }

    static func rawFacts(_ facts: ModelFacts) -> String {
        var parts: [String] = []
        if let parameters = facts.parameters {
            let dtypes = facts.parametersByDtype.sorted { $0.value > $1.value }.map(\.key).joined(separator: "/")
            parts.append("\(ParameterCount.format(parameters)) parameters" + (dtypes.isEmpty ? "" : " (\(dtypes))"))
        }
        if let architecture = facts.architectures.first ?? facts.modelType { parts.append(architecture) }
        if let experts = facts.experts { parts.append("MoE \(facts.expertsPerToken.map { "\($0) of " } ?? "")\(experts) experts") }
        if let context = facts.contextLength { parts.append("context \(context)") }
        if facts.hasChatTemplate { parts.append("chat template") }
        if !facts.weightFormats.isEmpty { parts.append(facts.weightFormats.joined(separator: "+")) }
        if let identified = facts.licenseID, let grade = facts.licenseGrade {
            parts.append("license \(identified) (openness class \(grade))")
        } else {
            parts.append("license \(facts.license ?? "not declared")")
        }
        if !facts.baseModels.isEmpty { parts.append("base \(facts.baseModels.joined(separator: ", "))") }
        parts.append("\(facts.fileCount) files, \(bytes(facts.totalBytes))")
        if facts.unhashedFiles > 0 { parts.append("\(facts.unhashedFiles) not hashed") }
        return parts.joined(separator: " · ")
    }

    static func bar(_ score: Double, style: TerminalStyle) -> String {
        let width = 20
        let filled = Int((score / 100 * Double(width)).rounded())
        let text = String(repeating: "█", count: filled)
        let rest = String(repeating: "░", count: width - filled)
        let painted = score >= 70 ? style.green(text) : score >= 40 ? style.yellow(text) : style.red(text)
        return painted + style.dim(rest)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    static func bytes(_ count: UInt64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : "\(format(value)) \(units[unit])"
    }
}

extension String {
    func padding(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
    func leftPadding(to width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
