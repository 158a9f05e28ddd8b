import Foundation
import TrustmarkCore

/// What the commands print. Lines quote names, messages and values from repositories and servers, so each line is
/// escaped (`TerminalText`): a control character shows as `\x1B`, a line break inside a value as `\n`, and nothing a
/// file or a server says reaches the terminal as a command or a line of its own.
enum Console {
    /// Lines to standard output.
    static func out(_ lines: [String]) {
        print(lines.map { TerminalText.finalLine($0, allowingColor: false) }.joined(separator: "\n"))
    }

    /// One line to standard error, after `trustmark: `.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("trustmark: \(TerminalText.escape(message))\n".utf8))
    }

    /// Text of several lines Trustmark wrote (usage and help), each line escaped.
    static func errorLines(_ text: String) {
        FileHandle.standardError.write(Data(("trustmark: " + TerminalText.escapeLines(text) + "\n").utf8))
    }
}
