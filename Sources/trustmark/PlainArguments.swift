/// The plain shape of `trustmark scan` and `trustmark license`: paths and at most one `--format`/`-f`.
///
/// Why: both are run once per file by CI loops and pre-commit hooks, where ArgumentParser's reflection over the command
/// (a fifth of a licence check, more than a third of a small file's scan) dominated. The plain shape is read here;
/// anything else (`--help`, unknown options, `--` separators, bad values) returns nil and goes through ArgumentParser,
/// which owns the messages.
enum PlainArguments {
    static func pathsAndFormat<Format: RawRepresentable<String>>(
        _ arguments: [String], default fallback: Format
    ) -> (
        paths: [String], format: Format
    )? {
        var paths: [String] = []
        var format: Format?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--format" || argument == "-f" {
                guard format == nil, index + 1 < arguments.count, let value = Format(rawValue: arguments[index + 1]) else { return nil }
                format = value
                index += 2
                continue
            }
            if argument.hasPrefix("--format=") {
                guard format == nil, let value = Format(rawValue: String(argument.dropFirst("--format=".count))) else { return nil }
                format = value
            } else if argument.hasPrefix("-") {
                return nil
            } else {
                paths.append(argument)
            }
            index += 1
        }
        return paths.isEmpty ? nil : (paths, format ?? fallback)
    }
}
