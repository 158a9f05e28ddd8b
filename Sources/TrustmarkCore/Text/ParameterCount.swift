/// Parameter counts: formatting for people and reading the claims people write ("7B", "1.5 billion
/// parameters", "8x7B").
public enum ParameterCount {
    /// `8.03B`, `124.4M`, `309.6K`, `42`.
    public static func format(_ count: UInt64) -> String {
        let value = Double(count)
        func scaled(_ divisor: Double, _ suffix: String) -> String {
            let scaledValue = value / divisor
            let digits = scaledValue >= 10 ? 1 : 2
            return formatFixed(scaledValue, digits: digits) + suffix
        }
        switch value {
        case 1e12...: return scaled(1e12, "T")
        case 1e9...: return scaled(1e9, "B")
        case 1e6...: return scaled(1e6, "M")
        case 1e3...: return scaled(1e3, "K")
        default: return String(count)
        }
    }

    /// Fixed-point formatting without Foundation, so output is identical on every platform.
    static func formatFixed(_ value: Double, digits: Int) -> String {
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        let rounded = (value * factor).rounded()
        let whole = Int(rounded / factor)
        guard digits > 0 else { return String(whole) }
        let fraction = Int(rounded - Double(whole) * factor)
        var fractionText = String(abs(fraction))
        while fractionText.count < digits { fractionText = "0" + fractionText }
        while fractionText.hasSuffix("0") { fractionText.removeLast() }
        return fractionText.isEmpty ? String(whole) : "\(whole).\(fractionText)"
    }

    /// The multiplier for a size unit as written after a number (`B`, `bn`, `billion`, `M`, `K`, `T`).
    public static func multiplier(forUnit unit: Substring) -> Double? {
        switch unit.lowercased() {
        case "t", "trillion": return 1e12
        case "b", "bn", "billion": return 1e9
        case "m", "mn", "million": return 1e6
        case "k", "thousand": return 1e3
        default: return nil
        }
    }

    /// The size a model's name states: `Llama-3.1-8B-Instruct` -> 8e9, `Mixtral-8x7B` -> 56e9,
    /// `Qwen3-30B-A3B` -> 30e9 (the `A3B` active count is not the size). Returns the matched token too.
    public static func fromName(_ name: String) -> (count: Double, token: String)? {
        var base = name.split(separator: "/").last.map(String.init) ?? name
        // A file name's extension is not part of the model name: `tiny-1B.safetensors`.
        if let dot = base.lastIndex(of: "."), base[base.index(after: dot)...].allSatisfy(\.isLetter), base.distance(from: dot, to: base.endIndex) > 3
        {
            base = String(base[..<dot])
        }
        let tokens = base.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
        for token in tokens {
            if let count = parseSizeToken(token) { return (count, String(token)) }
        }
        return nil
    }

    /// `7B`, `1.5b`, `350M`, `8x7B`, `125m`; not `A3B`, `E4B`, `v2`, `3.1`.
    static func parseSizeToken(_ token: Substring) -> Double? {
        var text = token.lowercased()[...]
        var experts = 1.0
        if let xIndex = text.firstIndex(of: "x"), let count = Double(text[..<xIndex]), count >= 1, count <= 512 {
            experts = count
            text = text[text.index(after: xIndex)...]
        }
        guard let unitChar = text.last, let multiplier = multiplier(forUnit: Substring(String(unitChar))) else { return nil }
        let number = text.dropLast()
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(number), value > 0 else { return nil }
        // Thousands-sized models are too small to name by size; "4k" in a name is a context length.
        guard multiplier >= 1e6 else { return nil }
        return value * multiplier * experts
    }

    /// Claims of a total parameter count in one line of prose or a table row: "7B parameters",
    /// "7.6 billion parameters", "Parameters: 7.61B", "| Params | 124M |". Counts qualified as
    /// non-embedding, active or activated are not totals and are skipped.
    ///
    /// Not claims (issue 13): a bound ("fewer than 10 billion parameters"), a year ("Drossos et al., 2020"), a number
    /// glued to letters (`D1024`, `L24` in a layer spec), and every number of a table row whose label is qualified ("# Activated Params").
    public static func claims(inLine line: Substring) -> [(count: Double, text: String)] {
        let lower = line.lowercased()
        guard lower.utf8Contains("param") else { return [] }
        let tokens = tokenize(lower)
        // "671B total parameters, 37B activated": the qualifier disqualifies the number it is attached to,
        // not the whole line (a line-wide rule lost DeepSeek-V3's total).
        let qualifiers = ["non-embedding", "nonembedding", "activat", "active", "trainable"]
        // A table row's label qualifies every cell of the row.
        if lower.trimmingSpaces().hasPrefix("|"),
            let label = lower.split(separator: "|").first(where: { $0.contains(where: \.isLetter) }),
            qualifiers.contains(where: { label.utf8Contains($0) }) || (label.utf8Contains("non") && label.utf8Contains("embedding"))
        {
            return []
        }
        let bounds: [[String]] = [
            ["fewer", "than"], ["less", "than"], ["more", "than"], ["greater", "than"], ["up", "to"], ["at", "least"], ["at", "most"],
            ["under"], ["below"], ["over"], ["above"], ["exceeding"], ["beyond"], ["within"],
        ]
        func bounded(_ index: Int) -> Bool {
            bounds.contains { bound in index >= bound.count && Array(tokens[(index - bound.count)..<index]) == bound }
        }
        func qualified(_ index: Int, _ unitIndex: Int) -> Bool {
            let after = tokens[min(tokens.count, unitIndex)..<min(tokens.count, unitIndex + 3)]
            let before = tokens[max(0, index - 3)..<index]
            let window = Array(before + after)
            if window.contains("non") && window.contains("embedding") { return true }
            return window.contains { token in qualifiers.contains { token.hasPrefix($0) } }
        }
        var results: [(Double, String)] = []
        for (index, token) in tokens.enumerated() {
            guard let value = Double(token.replacingOccurrences(of: ",", with: "")), value > 0 else { continue }
            var unitIndex = index + 1
            var multiplier: Double?
            if unitIndex < tokens.count, let unit = ParameterCount.multiplier(forUnit: Substring(tokens[unitIndex])) {
                multiplier = unit
                unitIndex += 1
            }
            // The number must be tied to the word "parameters": right after it, or the row/label it belongs to.
            let following = tokens[unitIndex..<min(tokens.count, unitIndex + 2)]
            let followedByParams = following.contains { $0.hasPrefix("param") }
            let before = tokens[max(0, index - 4)..<index]
            let labelledByParams = before.contains { $0.hasPrefix("param") } && !following.contains { isCountedThing($0) }
            guard followedByParams || labelledByParams, !qualified(index, unitIndex), !bounded(index) else { continue }
            let total = value * (multiplier ?? 1)
            // A bare year is a citation or a date ("et al., 2020"), not a count.
            if multiplier == nil, !token.utf8Contains("."), (1900...2100).contains(total) { continue }
            // A bare number labelled by "parameters" must look like a real count, not "2" in "Llama 2 parameters:".
            guard multiplier != nil || total >= 1e5 || (total >= 100 && following.first?.hasPrefix("param") == true) else { continue }
            let unitText = multiplier == nil ? "" : tokens[index + 1]
            results.append((total, token + (unitText.count == 1 ? unitText.uppercased() : unitText.isEmpty ? "" : " " + unitText)))
        }
        return results
    }

    private static func isCountedThing(_ word: String) -> Bool {
        ["tokens", "token", "words", "images", "samples", "steps", "hours", "layers", "languages"].contains(word)
    }

    /// Splits into number tokens (`7.6`, `1,000,000`), unit-bearing tokens (`7b` becomes `7`, `b`) and words.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsNumber = false
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        let characters = Array(text)
        for (position, character) in characters.enumerated() {
            let isDigit = character.isASCII && character.isNumber
            let continuesNumber =
                (character == "." || character == ",") && currentIsNumber && position + 1 < characters.count
                && characters[position + 1].isASCII && characters[position + 1].isNumber
            if isDigit || continuesNumber {
                // Digits glued to letters ("d1024", "llama3") belong to the word: an identifier, not a number.
                if !current.isEmpty && !currentIsNumber {
                    current.append(character)
                    continue
                }
                currentIsNumber = true
                current.append(character)
            } else if character.isLetter {
                if currentIsNumber { flush() }
                currentIsNumber = false
                current.append(character)
            } else {
                flush()
                currentIsNumber = false
            }
        }
        flush()
        return tokens
    }

}
