import TrustmarkCore

/// `trustmark rate --format markdown`: the report as GitHub-flavoured Markdown, for pull requests and model cards.
public enum MarkdownReport {
    public static func render(_ record: RatingRecord) -> String {
        let document = ReportDocument(record)
        // Repository text stays text: no control characters, no table breaks, no raw HTML.
        func cell(_ text: String) -> String {
            TerminalText.escape(text.replacingOccurrences(of: "\n", with: " ")).replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        func evidence(_ row: ReportDocument.Row) -> String {
            row.evidence.map { item in item.link.map { "[\(cell(item.text))](\($0))" } ?? "`\(cell(item.text))`" }.joined(separator: "<br>")
        }
        var lines = [
            "# Trustmark rating: \(cell(document.title))", "", "_\(cell(document.subtitle))_", "",
            "**Grade \(document.grade)** — score \(document.score)/100, coverage \(document.coverage)", "",
        ]
        lines.append(
            document.gates.isEmpty
                ? "No gate applied: the grade is the score's letter." : "Gates: " + document.gates.map(cell).joined(separator: "; "))
        lines += ["", "**Commercial use: \(cell(document.commercialUse))**"]
        if !document.commercialConditions.isEmpty { lines += [""] + document.commercialConditions.map { "- \(cell($0))" } }
        lines += ["", "**Loading:** \(cell(document.loading))"]
        lines += ["", "| dimension | weight | score |", "|---|---|---|"]
        for dimension in document.dimensions {
            let bar =
                dimension.score.map {
                    String(repeating: "█", count: Int(($0 / 10).rounded())) + String(repeating: "░", count: 10 - Int(($0 / 10).rounded()))
                } ?? "not rated"
            lines.append("| \(dimension.name) | \(Int(dimension.weight)) | \(bar) \(dimension.score.map { String(format: "%.1f", $0) } ?? "—") |")
        }
        if !document.urgent.isEmpty {
            lines += ["", "## Unsafe and contradicted", ""]
            for row in document.urgent { lines.append("- **\(row.outcome.uppercased())** \(row.check): \(cell(row.message)) — \(evidence(row))") }
        }
        lines += ["", "## Checks", "", "| check | outcome | finding | evidence | fix |", "|---|---|---|---|---|"]
        for row in document.rows {
            lines.append(
                "| \(row.check) \(cell(row.title)) | \(row.outcome) | \(cell(row.message)) | \(evidence(row)) | \(cell(row.remediation ?? "")) |")
        }
        if !document.frameworks.isEmpty {
            lines += ["", "## Frameworks", "", "Labels over the findings; they do not change the score.", "", "| framework | verdict |", "|---|---|"]
            for label in document.frameworks { lines.append("| \(cell(label.name)) | \(cell(label.verdict)) |") }
        }
        lines += ["", "## Model", ""]
        for (name, value) in document.facts { lines.append("- **\(cell(name)):** \(cell(value))") }
        return lines.map { TerminalText.finalLine($0, allowingColor: false) }.joined(separator: "\n") + "\n"
    }
}
