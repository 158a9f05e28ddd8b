/// The plain shapes of the commands CI loops and hooks run once per file or model (`scan`, `license`, `rate`), read
/// without ArgumentParser.
///
/// Why: ArgumentParser builds a command's argument set by reflection on every run (with Swift's first protocol-
/// conformance lookups, a fifth of a licence check and more than a third of a small file's scan). Here: positional
/// arguments, options given as `--name value`, `--name=value` or `-x value`, and flags. Anything else — `--help`, an
/// option this shape does not list, `--` separators, a repeated option, an option without its value — returns nil,
/// and the command goes through ArgumentParser, which owns the messages.
enum PlainArguments {
    struct Read {
        var positionals: [String]
        /// By canonical option name (`-f` is read as `--format`).
        var values: [String: String]
        var flags: Set<String>
    }

    /// - Parameters:
    ///   - options: every spelling of an option with a value, mapped to its canonical name.
    ///   - flags: every spelling of a flag, mapped to its canonical name.
    static func read(_ arguments: [String], options: [String: String], flags: [String: String] = [:]) -> Read? {
        var read = Read(positionals: [], values: [:], flags: [])
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if let name = options[argument] {
                guard read.values[name] == nil, index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                read.values[name] = arguments[index]
                index += 1
            } else if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "="), let name = options[String(argument[..<equals])] {
                guard read.values[name] == nil else { return nil }
                read.values[name] = String(argument[argument.index(after: equals)...])
            } else if let name = flags[argument] {
                guard read.flags.insert(name).inserted else { return nil }
            } else if argument.hasPrefix("-") {
                return nil
            } else {
                read.positionals.append(argument)
            }
        }
        return read.positionals.isEmpty ? nil : read
    }

    /// Paths and at most one `--format`/`-f` (`scan`, `license`).
    static func pathsAndFormat<Format: RawRepresentable<String>>(
        _ arguments: [String], default fallback: Format
    ) -> (
        paths: [String], format: Format
    )? {
        guard let read = read(arguments, options: ["--format": "--format", "-f": "--format"]) else { return nil }
        guard let text = read.values["--format"] else { return (read.positionals, fallback) }
        return Format(rawValue: text).map { (read.positionals, $0) }
    }
}
