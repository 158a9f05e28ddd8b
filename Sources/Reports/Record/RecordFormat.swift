import TrustmarkCore

/// The formats a rating record renders to without the model: `trustmark rate --format F` and `trustmark render
/// RATING.json --format F` go through this one function, so they give the same bytes.
public enum RecordFormat: String, Sendable, CaseIterable {
    case text
    case json
    /// GitHub-flavoured Markdown, or one self-contained HTML page.
    case markdown, html
    /// SARIF 2.1.0: one rule per check, results on the files and lines of their evidence.
    case sarif
    /// A CycloneDX 1.6 BOM with the model card, file hashes and the findings as declarations.
    case cyclonedx
    /// The SVG badge.
    case badge

    /// The record in this format. `colors` and `verbose` apply to `text` only.
    public func render(_ record: RatingRecord, colors: Bool = false, verbose: Bool = false) throws -> String {
        switch self {
        case .text: return TerminalReport.render(record, style: TerminalStyle(colors: colors), verbose: verbose)
        case .json: return try record.json()
        case .markdown: return MarkdownReport.render(record)
        case .html: return HTMLReport.render(record)
        case .sarif: return try RatingSARIF.render(record)
        case .cyclonedx: return try CycloneDXReport.render(record)
        case .badge: return RatingBadge.svg(record)
        }
    }
}
