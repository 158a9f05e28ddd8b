/// Training compute and training-set size as model cards write them: `3.8e25 FLOPs`, `3.8 × 10^25 FLOP`,
/// `10²⁵ FLOPs`, `2,100 petaflop/s-days`, `15T tokens`, `36 trillion tokens`. Read from one line of prose; the
/// largest value on the line wins (cards often give a per-stage figure before the total).
public enum ComputeQuantities {
    /// FLOP stated on the line, or nil. Only lines that mention FLOP(s) or petaflop-days are read.
    public static func flop(in line: String) -> Double? {
        let lower = normalised(line)
        guard lower.utf8Contains("flop") || lower.utf8Contains("pf-day") || lower.utf8Contains("pfs-day") else { return nil }
        var best: Double?
        for (value, rest) in numbers(in: lower) {
            var amount = value
            let unit = rest.drop { $0 == " " || $0 == "-" }
            if unit.hasPrefix("petaflop/s-day") || unit.hasPrefix("petaflop-day") || unit.hasPrefix("pf-day") || unit.hasPrefix("pfs-day") {
                amount *= 8.64e19
            } else if unit.hasPrefix("zettaflop") || unit.hasPrefix("zflop") {
                amount *= 1e21
            } else if unit.hasPrefix("exaflop") || unit.hasPrefix("eflop") {
                amount *= 1e18
            } else if !(unit.hasPrefix("flop") || unit.hasPrefix("total flop") || unit.hasPrefix("training flop")) && amount < 1e15 {
                // A bare number far below any training run (a year, a GPU count) is not the compute.
                continue
            }
            guard amount >= 1e15, amount < 1e32 else { continue }
            best = max(best ?? 0, amount)
        }
        return best
    }

    /// Training tokens stated on the line (`trained on 15T tokens`), or nil. Lines about context length are skipped.
    public static func trainingTokens(in line: String) -> Double? {
        let lower = normalised(line)
        guard lower.utf8Contains("token"), lower.utf8Contains("train"), !lower.utf8Contains("context") else { return nil }
        var best: Double?
        for (value, rest) in numbers(in: lower) {
            var unit = rest.drop { $0 == " " }
            var scale = 1.0
            for (word, factor) in [("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("t", 1e12), ("b", 1e9), ("m", 1e6)]
            where unit.hasPrefix(word) {
                scale = factor
                unit = unit.dropFirst(word.count).drop { $0 == " " || $0 == "+" }
                break
            }
            guard unit.hasPrefix("token"), scale >= 1e6 else { continue }
            best = max(best ?? 0, value * scale)
        }
        return best
    }

    /// Lowercased, with `×`, `⋅`, `·` as `x` and superscript digits as `^digits`.
    static func normalised(_ line: String) -> String {
        let superscripts: [Character: Character] = [
            "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        ]
        var text = ""
        var inExponent = false
        for character in line.lowercased() {
            if let digit = superscripts[character] {
                if !inExponent { text.append("^") }
                text.append(digit)
                inExponent = true
                continue
            }
            inExponent = false
            text.append(["×", "⋅", "·", "∗"].contains(character) ? "x" : character)
        }
        return text
    }

    /// Every number on the line with the text after it: `3.8e25`, `3.8 x 10^25`, `3.8x10**25`, `1,234.5`, `10^25`.
    static func numbers(in text: String) -> [(Double, Substring)] {
        var found: [(Double, Substring)] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isASCII, text[index].isNumber, index == text.startIndex || !text[text.index(before: index)].isLetter else {
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex, text[end].isASCII, text[end].isNumber || text[end] == "." || text[end] == "," && nextIsDigit(text, end) {
                end = text.index(after: end)
            }
            guard var value = Double(text[index..<end].replacingOccurrences(of: ",", with: "")) else {
                index = end
                continue
            }
            var rest = text[end...]
            // Scientific notation: e25, e+25, x 10^25, x10**25; or the number is itself 10^25.
            if let (exponent, after) = exponentSuffix(rest) {
                value *= pow10(exponent)
                rest = after
            } else if value == 10, let (exponent, after) = power(rest) {
                value = pow10(exponent)
                rest = after
            }
            found.append((value, rest))
            index = rest.startIndex > end ? rest.startIndex : end
        }
        return found
    }

    static func nextIsDigit(_ text: String, _ index: String.Index) -> Bool {
        let next = text.index(after: index)
        return next < text.endIndex && text[next].isASCII && text[next].isNumber
    }

    /// `e25` / `e+25` / `x 10^25` / `x10**25` right after a mantissa.
    static func exponentSuffix(_ text: Substring) -> (Int, Substring)? {
        if text.first == "e" {
            var rest = text.dropFirst()
            if rest.first == "+" { rest = rest.dropFirst() }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let exponent = Int(digits), exponent <= 40 else { return nil }
            return (exponent, rest.dropFirst(digits.count))
        }
        let trimmed = text.drop { $0 == " " }
        guard trimmed.first == "x" || trimmed.first == "*" else { return nil }
        let afterTimes = trimmed.dropFirst().drop { $0 == " " }
        guard afterTimes.hasPrefix("10") else { return nil }
        return power(afterTimes.dropFirst(2))
    }

    /// `^25`, `**25` or `^{25}` right after a 10.
    static func power(_ text: Substring) -> (Int, Substring)? {
        var rest = text
        if rest.hasPrefix("^") { rest = rest.dropFirst() } else if rest.hasPrefix("**") { rest = rest.dropFirst(2) } else { return nil }
        if rest.first == "{" { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let exponent = Int(digits), exponent <= 40 else { return nil }
        rest = rest.dropFirst(digits.count)
        if rest.first == "}" { rest = rest.dropFirst() }
        return (exponent, rest)
    }

    static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The accelerators a line says were used: "384 H100", "4 to 16 Cloud TPUs", "2048 NVIDIA H800 GPUs", "8×A100"
    /// (the largest count). Nil when no count stands before an accelerator's name.
    public static func acceleratorCount(in line: String) -> Int? {
        let words = line.lowercased().split { !($0.isLetter || $0.isNumber || $0 == ",") }.map { $0.replacingOccurrences(of: ",", with: "") }
        var best: Int?
        for (index, word) in words.enumerated() {
            guard let count = Int(word.hasSuffix("x") ? String(word.dropLast()) : word), count > 0, count < 10_000_000 else { continue }
            // Up to three words between the count and the name: "x", "to 16", "nvidia", "cloud", "google".
            var next = index + 1
            var skipped = 0
            while next < words.count, skipped < 3, fillers.contains(words[next]) || Int(words[next]) != nil {
                next += 1
                skipped += 1
            }
            guard next < words.count,
                accelerators.contains(where: { words[next] == $0 || words[next] == $0 + "s" || words[next].hasPrefix($0 + "v") })
            else { continue }
            best = max(best ?? 0, count)
        }
        return best
    }

    static let fillers: Set<String> = ["x", "to", "nvidia", "cloud", "google", "amd", "huawei", "sxm", "sxm5", "80gb", "40gb", "of"]
    static let accelerators = [
        "h100", "h800", "h200", "h20", "a100", "a800", "v100", "b200", "gb200", "gpu", "tpu", "npu", "ascend", "mi250", "mi300x",
    ]
}
