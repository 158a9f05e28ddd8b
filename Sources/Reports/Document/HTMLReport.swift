import TrustmarkCore

/// `trustmark rate --format html`: one self-contained page (inline CSS, no scripts, no external assets), readable
/// offline and printable.
public enum HTMLReport {
    public static func render(_ record: RatingRecord) -> String {
        let document = ReportDocument(record)
        func e(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        func evidence(_ row: ReportDocument.Row) -> String {
            row.evidence.map { item in item.link.map { "<a href=\"\(e($0))\">\(e(item.text))</a>" } ?? "<code>\(e(item.text))</code>" }.joined(
                separator: "<br>")
        }
        let rating = record.rating
        let gradeClass = rating.isUnsafe ? "unsafe" : "g" + (rating.grade?.rawValue.lowercased() ?? "none")
        func pill(_ outcome: String) -> String {
            let name = outcome.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
            return "<span class=\"o \(name == "unsafe" ? "unsafe-o" : name)\">\(e(outcome))</span>"
        }
        var html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Trustmark: \(e(document.title))</title><style>
            body{font:15px/1.5 -apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
            main{max-width:1100px;margin:0 auto;padding:28px}h1{font-size:26px;margin:0}h2{font-size:19px;margin:28px 0 10px}
            .sub{color:#59636e;margin:4px 0 20px}.card{background:#fff;border:1px solid #d1d9e0;border-radius:10px;padding:18px 22px;margin-bottom:16px}
            .hero{display:flex;gap:24px;align-items:center}.grade{font-size:44px;font-weight:700;color:#fff;border-radius:12px;min-width:96px;text-align:center;padding:8px 14px}
            .ga{background:#2ea44f}.gb{background:#7aa21f}.gc{background:#c69026}.gd{background:#e16f24}.gf,.gnone{background:#cf222e}.unsafe{background:#82071e}
            .bar{background:#eaeef2;border-radius:6px;height:12px;width:260px;display:inline-block;vertical-align:middle;overflow:hidden}
            .bar span{display:block;height:100%;background:#0969da}table{border-collapse:collapse;width:100%;background:#fff}
            th,td{border-bottom:1px solid #d1d9e0;padding:7px 9px;text-align:left;vertical-align:top;font-size:13.5px}th{background:#f6f8fa}
            .o{font-weight:600;font-size:12px;border-radius:10px;padding:1px 8px;white-space:nowrap}.unsafe-o{background:#ffebe9;color:#82071e}
            .contradicted{background:#fbefff;color:#8250df}.absent{background:#fff8c5;color:#7d4e00}.unknown{background:#eaeef2;color:#59636e}
            .claimed{background:#ddf4ff;color:#0969da}.pass{background:#dafbe1;color:#1a7f37}.not-applicable{background:#f6f8fa;color:#59636e}
            code{font-size:12.5px}.fix{color:#59636e;font-size:12.5px}dl{display:grid;grid-template-columns:160px 1fr;gap:4px 12px;margin:0}dt{color:#59636e}
            .urgent li{margin:6px 0}
            </style></head><body><main>
            <h1>\(e(document.title))</h1><div class="sub">\(e(document.subtitle))</div>
            <div class="card hero"><div class="grade \(gradeClass)">\(e(document.grade))</div><div>
            <div><b>Score \(e(document.score))/100</b> · coverage \(e(document.coverage))</div>
            <div>\(document.gates.isEmpty ? "No gate applied: the grade is the score's letter." : "Gates: " + e(document.gates.joined(separator: "; ")))</div>
            <div class="commercial"><b>Commercial use: \(e(document.commercialUse))</b>\(document.commercialConditions.isEmpty ? "" : "<ul>" + document.commercialConditions.map { "<li>\(e($0))</li>" }.joined() + "</ul>")</div>
            <div class="loading"><b>Loading:</b> \(e(document.loading))</div>
            </div></div><div class="card">
            """
        for dimension in document.dimensions {
            let width = Int((dimension.score ?? 0).rounded())
            html +=
                "<div><span style=\"display:inline-block;width:190px\">\(e(dimension.name))</span><span class=\"bar\"><span style=\"width:\(width)%\"></span></span> "
                + "<b>\(dimension.score.map { String(format: "%.1f", $0) } ?? "not rated")</b> <span class=\"sub\">weight \(Int(dimension.weight))</span></div>"
        }
        html += "</div>"
        if !document.urgent.isEmpty {
            html += "<h2>Unsafe and contradicted</h2><div class=\"card\"><ul class=\"urgent\">"
            for row in document.urgent {
                html += "<li>\(pill(row.outcome)) <b>\(e(row.check))</b> \(e(row.message))<br>\(evidence(row))</li>"
            }
            html += "</ul></div>"
        }
        html += "<h2>Checks</h2><table><tr><th>check</th><th>outcome</th><th>finding</th><th>evidence</th></tr>"
        for row in document.rows {
            html +=
                "<tr><td><b>\(e(row.check))</b><br><span class=\"sub\">\(e(row.title))</span></td><td>\(pill(row.outcome))</td>"
                + "<td>\(e(row.message))\(row.remediation.map { "<div class=\"fix\">Fix: \(e($0))</div>" } ?? "")</td><td>\(evidence(row))</td></tr>"
        }
        html += "</table>"
        if !document.frameworks.isEmpty {
            html +=
                "<h2>Frameworks</h2><div class=\"sub\">Labels over the findings; they do not change the score.</div><table><tr><th>framework</th><th>verdict</th><th>criteria</th></tr>"
            for label in document.frameworks {
                html +=
                    "<tr><td><b>\(e(label.name))</b></td><td>\(e(label.verdict))</td><td class=\"fix\">\(label.details.prefix(8).map(e).joined(separator: "<br>"))</td></tr>"
            }
            html += "</table>"
        }
        html += "<h2>Model</h2><div class=\"card\"><dl>"
        for (name, value) in document.facts { html += "<dt>\(e(name))</dt><dd>\(e(value))</dd>" }
        html += "</dl></div></main></body></html>\n"
        return html
    }
}
