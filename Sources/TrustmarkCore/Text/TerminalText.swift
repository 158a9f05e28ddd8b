/// Text from a repository or a server — file names, card fields, snippets, error messages — made safe to print.
///
/// A terminal acts on what it is sent: an escape sequence can clear the screen, retitle the window, hide text or
/// plant a link; a newline in a file name can forge a whole report line ("Grade A score 100/100"); bidirectional
/// overrides make `gnp.pkl` read as `lkp.png`. So every character that a terminal does not simply show — C0 and C1
/// controls, DEL, bidirectional embeddings, overrides and isolates, line and paragraph separators — is written as a
/// visible escape (`\x1B`, `\n`, `\u{202E}`), and the text stays on its line.
public enum TerminalText {
    /// One line of untrusted text, escaped.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { result += visible(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// Text of several lines that Trustmark wrote (usage messages, reports) but that may quote untrusted text: each
    /// line is escaped, the line breaks between them kept.
    public static func escapeLines(_ text: String) -> String {
        text.lineSlices().map { escape(String($0)) }.joined(separator: "\n")
    }

    /// The last pass over one rendered report line: like `escape`, but when `allowingColor`, the colour sequences the
    /// report's own style writes (`ESC [ digits and semicolons m`) pass. Nothing else does, so text that slipped
    /// through unescaped can at worst change a colour.
    public static func finalLine(_ line: String, allowingColor: Bool) -> String {
        guard line.unicodeScalars.contains(where: needsEscape) else { return line }
        let scalars = Array(line.unicodeScalars)
        var result = ""
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if allowingColor, scalar.value == 0x1B, index + 1 < scalars.count, scalars[index + 1] == "[" {
                var end = index + 2
                while end < scalars.count, (0x30...0x39).contains(scalars[end].value) || scalars[end] == ";" { end += 1 }
                if end < scalars.count, scalars[end] == "m", end - index <= 16 {
                    for kept in scalars[index...end] { result.unicodeScalars.append(kept) }
                    index = end + 1
                    continue
                }
            }
            if needsEscape(scalar) { result += visible(scalar) } else { result.unicodeScalars.append(scalar) }
            index += 1
        }
        return result
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) { return true }
        switch value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let digits = Array("0123456789ABCDEF")
            let value = scalar.value
            if value < 0x100 { return "\\x" + String(digits[Int(value >> 4)]) + String(digits[Int(value & 0xF)]) }
            var hex = ""
            var rest = value
            repeat {
                hex = String(digits[Int(rest & 0xF)]) + hex
                rest >>= 4
            } while rest > 0
            return "\\u{" + hex + "}"
        }
    }
}
