import TrustmarkCore

/// A shields-style "flat" SVG badge: `trustmark | B 74 · TM-1.2 · @a1b2c3d`. Unsafe ratings are dark red and say
/// UNSAFE; contradicted ones carry ⚠ and a purple message, so neither can pass for an ordinary grade at a glance.
public enum RatingBadge {
    public static func svg(_ record: RatingRecord) -> String {
        let rating = record.rating
        let contradicted = rating.findings.contains { $0.outcome == .contradicted }
        let commit = rating.subject.revision.map { " · @" + String($0.prefix(7)) } ?? ""
        let message: String
        let color: String
        if rating.isUnsafe {
            message = "UNSAFE · \(rating.methodology.name)\(commit)"
            color = "#b60205"
        } else {
            let grade = rating.grade?.rawValue ?? "?"
            message = (contradicted ? "⚠ " : "") + "\(grade) \(Int(rating.score.rounded())) · \(rating.methodology.name)\(commit)"
            color = contradicted ? "#8250df" : ["A": "#2ea44f", "B": "#97ca00", "C": "#dfb317", "D": "#fe7d37", "F": "#e05d44"][grade] ?? "#9f9f9f"
        }
        let label = "trustmark"
        let labelWidth = width(label) + 10, messageWidth = width(message) + 10
        let total = labelWidth + messageWidth
        let title = escape("\(label): \(message) — \(rating.subject.name) — commercial use: \(rating.commercialUse.answer.phrase)")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(total)" height="20" role="img" aria-label="\(title)">\
            <title>\(title)</title>\
            <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>\
            <clipPath id="r"><rect width="\(total)" height="20" rx="3" fill="#fff"/></clipPath>\
            <g clip-path="url(#r)"><rect width="\(labelWidth)" height="20" fill="#555"/><rect x="\(labelWidth)" width="\(messageWidth)" height="20" fill="\(color)"/>\
            <rect width="\(total)" height="20" fill="url(#s)"/></g>\
            <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">\
            <text x="\(labelWidth / 2)" y="14">\(escape(label))</text><text x="\(labelWidth + messageWidth / 2)" y="14">\(escape(message))</text></g></svg>

            """
    }

    /// Approximate Verdana 11 px advance widths: badges need a stable width, not typographic precision.
    static func width(_ text: String) -> Int {
        var total = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "I", "'", "|", ".", ",", ":", ";", "!": total += 3.5
            case "f", "t", "r", " ", "·", "(", ")", "[", "]", "-": total += 4.5
            case "m", "w", "M", "W", "@", "%": total += 10.5
            case "⚠": total += 11
            case _ where character.isUppercase: total += 7.5
            case _ where character.isNumber: total += 7
            default: total += 6.3
            }
        }
        return Int(total.rounded(.up))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
