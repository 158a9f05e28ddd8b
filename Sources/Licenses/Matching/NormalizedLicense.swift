import Crypto
import Foundation

/// A license text as matching sees it (`tm_tokens_v1`): NFKC, copyright lines dropped, lower-cased,
/// maximal `[a-z0-9]+` runs. Whitespace, line breaks, CRLF, Markdown decoration, quote styles and
/// copyright notices do not change the tokens; titles, version lines and every clause do.
public struct NormalizedLicense: Sendable {
    public var tokens: [Substring]
    /// The 1-based source line of each token.
    public var lines: [Int]
    /// SHA-256 of the tokens joined by single spaces: equal hashes mean the same license text.
    public var sha256: String

    /// - Parameter dropCopyrightLines: `tm_tokens_v1` drops lines that start with a copyright notice;
    ///   the diff path keeps them (reflowing can move a notice into a paragraph) and judges notices itself.
    public init(_ text: String, dropCopyrightLines: Bool = true) {
        var tokens: [Substring] = []
        var lines: [Int] = []
        let normalized = text.precomposedStringWithCompatibilityMapping
        var lineNumber = 0
        for line in normalized.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            if dropCopyrightLines && NormalizedLicense.isCopyrightLine(line) { continue }
            let lower = line.lowercased()
            var start: String.Index?
            var index = lower.startIndex
            while index < lower.endIndex {
                let character = lower[index]
                let isToken = character.isASCII && (character.isLetter || character.isNumber)
                if isToken, start == nil { start = index }
                if !isToken, let begin = start {
                    tokens.append(lower[begin..<index])
                    lines.append(lineNumber)
                    start = nil
                }
                index = lower.index(after: index)
            }
            if let begin = start {
                tokens.append(lower[begin...])
                lines.append(lineNumber)
            }
        }
        self.tokens = tokens
        self.lines = lines
        var hasher = SHA256()
        hasher.update(data: Array(tokens.joined(separator: " ").utf8))
        sha256 = hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// `^\W*(copyright\b|\(c\)|©)`, case-insensitive, as Python's Unicode `\W` reads it.
    static func isCopyrightLine(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        var index = lower.startIndex
        while true {
            let rest = lower[index...]
            if rest.hasPrefix("(c)") || rest.hasPrefix("©") { return true }
            if rest.hasPrefix("copyright") {
                let after = rest.dropFirst(9).first
                if after == nil || !(after!.isLetter || after!.isNumber || after! == "_") { return true }
            }
            guard index < lower.endIndex else { return false }
            let character = lower[index]
            if character.isLetter || character.isNumber || character == "_" { return false }
            index = lower.index(after: index)
        }
    }

    /// Hashes of adjacent token pairs, for Sørensen-Dice similarity.
    public var bigrams: Set<UInt64> {
        var result = Set<UInt64>(minimumCapacity: tokens.count)
        var previous = NormalizedLicense.hash(tokens.first ?? "")
        for token in tokens.dropFirst() {
            let current = NormalizedLicense.hash(token)
            result.insert(previous &* 0x9E37_79B9_7F4A_7C15 ^ current)
            previous = current
        }
        return result
    }

    /// FNV-1a, stable across runs (Swift's `Hasher` is seeded per process).
    static func hash(_ token: Substring) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in token.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01B3
        }
        return value
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
