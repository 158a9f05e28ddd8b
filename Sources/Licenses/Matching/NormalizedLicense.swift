import Crypto
import Foundation

/// A license text as matching sees it (`tm_tokens_v1`): NFKC, lower-cased, maximal `[a-z0-9]+` runs,
/// and — for the hash — lines that start with a copyright notice dropped. Whitespace, line breaks, CRLF,
/// Markdown decoration, quote styles and copyright notices do not change the tokens; titles, version
/// lines and every clause do. Works on UTF-8 bytes: tokens are ASCII by definition.
public struct NormalizedLicense: Sendable {
    /// The lower-cased NFKC text, as bytes; tokens are ranges of it.
    let bytes: [UInt8]
    let ranges: [Range<Int>]
    /// FNV-1a of each token, for fast comparison.
    public let hashes: [UInt64]
    /// The 1-based source line of each token.
    public let lines: [Int]
    /// Whether each token stands on a line that starts with a copyright notice.
    let onCopyrightLine: [Bool]
    /// SHA-256 of the tokens joined by single spaces: equal hashes mean the same license text.
    public let sha256: String

    /// - Parameter dropCopyrightLines: `tm_tokens_v1` drops lines that start with a copyright notice;
    ///   the diff path keeps them (reflowing can move a notice into a paragraph) and judges notices itself.
    public init(_ text: String, dropCopyrightLines: Bool = true) {
        // NFKC leaves ASCII as it is, and most licence files are ASCII: only other text goes through CFString.
        var bytes = text.utf8.allSatisfy { $0 < 0x80 } ? Array(text.utf8) : Array(text.precomposedStringWithCompatibilityMapping.utf8)
        var ranges: [Range<Int>] = []
        var hashes: [UInt64] = []
        var lines: [Int] = []
        var flags: [Bool] = []
        var lineNumber = 1
        var lineStart = 0
        var copyrightLine = NormalizedLicense.isCopyrightLine(bytes, from: 0)
        var skipLine = dropCopyrightLines && copyrightLine
        var tokenStart: Int?
        var hash: UInt64 = 0
        var index = 0
        func finishToken(at end: Int) {
            guard let start = tokenStart else { return }
            ranges.append(start..<end)
            hashes.append(hash)
            lines.append(lineNumber)
            flags.append(copyrightLine)
            tokenStart = nil
        }
        while index < bytes.count {
            var byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A {
                byte += 0x20
                bytes[index] = byte
            }
            let isToken = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if isToken && !skipLine {
                if tokenStart == nil {
                    tokenStart = index
                    hash = 0xCBF2_9CE4_8422_2325
                }
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            } else {
                finishToken(at: index)
            }
            if NormalizedLicense.isLineBreak(bytes, index) {
                // CRLF is one break.
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                lineNumber += 1
                lineStart = index + 1
                copyrightLine = NormalizedLicense.isCopyrightLine(bytes, from: lineStart)
                skipLine = dropCopyrightLines && copyrightLine
            }
            index += 1
        }
        finishToken(at: bytes.count)
        self.init(bytes: bytes, ranges: ranges, hashes: hashes, lines: lines, onCopyrightLine: flags)
    }

    private init(bytes: [UInt8], ranges: [Range<Int>], hashes: [UInt64], lines: [Int], onCopyrightLine: [Bool]) {
        self.bytes = bytes
        self.ranges = ranges
        self.hashes = hashes
        self.lines = lines
        self.onCopyrightLine = onCopyrightLine
        var hasher = SHA256()
        var first = true
        for (position, range) in ranges.enumerated() where !onCopyrightLine[position] {
            if !first { hasher.update(data: [0x20]) }
            first = false
            bytes.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        sha256 = hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Every token (`dropCopyrightLines: false`) and, as `sha256`, the `tm_tokens_v1` hash, from one pass.
    public static func both(_ text: String) -> NormalizedLicense { NormalizedLicense(text, dropCopyrightLines: false) }

    /// The tokens `tm_tokens_v1` keeps (copyright-notice lines dropped).
    public var withoutCopyrightLines: NormalizedLicense {
        let kept = onCopyrightLine.indices.filter { !onCopyrightLine[$0] }
        return NormalizedLicense(
            bytes: bytes, ranges: kept.map { ranges[$0] }, hashes: kept.map { hashes[$0] }, lines: kept.map { lines[$0] },
            onCopyrightLine: kept.map { _ in false })
    }

    public var count: Int { ranges.count }

    public func token(_ index: Int) -> String { String(decoding: Array(bytes[ranges[index]]), as: UTF8.self) }

    /// The tokens of a range, joined by spaces.
    public func text(_ range: Range<Int>) -> String { range.map(token).joined(separator: " ") }

    /// LF, CR, VT, FF, NEL (C2 85), LS and PS (E2 80 A8/A9): the line breaks `str.splitlines` knows (most of them).
    static func isLineBreak(_ bytes: [UInt8], _ index: Int) -> Bool {
        switch bytes[index] {
        case 0x0A, 0x0B, 0x0C, 0x0D: return true
        case 0x85: return index > 0 && bytes[index - 1] == 0xC2
        case 0xA8, 0xA9: return index > 1 && bytes[index - 1] == 0x80 && bytes[index - 2] == 0xE2
        default: return false
        }
    }

    /// `^\W*(copyright\b|\(c\)|©)` for the line starting at `start`, case-insensitive. Non-ASCII
    /// characters other than © count as word characters, as Python's Unicode `\W` mostly does.
    static func isCopyrightLine(_ bytes: [UInt8], from start: Int) -> Bool {
        var index = start
        while index < bytes.count {
            if matches(bytes, index, "(c)") || (index + 1 < bytes.count && bytes[index] == 0xC2 && bytes[index + 1] == 0xA9) { return true }
            if matches(bytes, index, "copyright") {
                let after = index + 9
                if after >= bytes.count || !isWordByte(bytes[after]) { return true }
            }
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D || isWordByte(byte) { return false }
            index += 1
        }
        return false
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    /// Case-insensitive ASCII match of `pattern` at `index`.
    static func matches(_ bytes: [UInt8], _ index: Int, _ pattern: StaticString) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count {
            var byte = bytes[index + offset]
            if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
            if byte != pattern.utf8Start[offset] { return false }
        }
        return true
    }

    /// Hashes of adjacent token pairs, for Sørensen-Dice similarity.
    public var bigrams: Set<UInt64> {
        var result = Set<UInt64>(minimumCapacity: hashes.count)
        for index in hashes.indices.dropFirst() {
            result.insert(hashes[index - 1] &* 0x9E37_79B9_7F4A_7C15 ^ hashes[index])
        }
        return result
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
