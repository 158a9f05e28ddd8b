/// ANSI styling that collapses to plain text when colour is off (not a terminal, `NO_COLOR`, `--color never`).
public struct TerminalStyle: Sendable {
    public var colors: Bool

    public init(colors: Bool) { self.colors = colors }

    func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func red(_ text: String) -> String { paint(text, "31") }
    func green(_ text: String) -> String { paint(text, "32") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func magenta(_ text: String) -> String { paint(text, "35") }
    func cyan(_ text: String) -> String { paint(text, "36") }
}
