/// The common shapes of `trustmark rate`, read without ArgumentParser: targets, `--format`/`-f`, `--no-hash`,
/// `--offline`, `--verbose`/`-v`, `--revision`, `--color`.
///
/// Why: ArgumentParser builds `rate`'s argument set by reflection on every run (with Swift's first protocol-conformance
/// lookups, a few milliseconds of a 25 ms rating), and CI loops and bulk workers rate one model a process. Anything
/// else — `--help`, `--evidence`, `--targets-file`, `--save-evidence`, `--`, an unknown option, a bad value, a repeated
/// option — returns nil and goes through ArgumentParser, which owns the messages. A test checks that every shape read
/// here gives the command ArgumentParser gives.
extension RateCommand {
    static func plain(_ arguments: [String]) -> RateCommand? {
        var targets: [String] = []
        var format: Format?
        var revision: String?
        var color: ColorMode?
        var noHash = false
        var offline = false
        var verbose = false
        var index = 0
        /// The value of the option at `index`: `--name value`, `--name=value`, or `-f value`.
        func value(of argument: String, name: String) -> String? {
            if argument == name {
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else { return nil }
                index += 1
                return arguments[index]
            }
            guard name.hasPrefix("--"), argument.hasPrefix(name + "=") else { return nil }
            return String(argument.dropFirst(name.count + 1))
        }
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            switch name {
            case "--format", "-f":
                guard format == nil, let text = value(of: argument, name: name), let parsed = Format(rawValue: text) else { return nil }
                format = parsed
            case "--revision":
                guard revision == nil, let text = value(of: argument, name: name), !text.isEmpty else { return nil }
                revision = text
            case "--color":
                guard color == nil, let text = value(of: argument, name: name), let parsed = ColorMode(rawValue: text) else { return nil }
                color = parsed
            case "--no-hash" where argument == name && !noHash: noHash = true
            case "--offline" where argument == name && !offline: offline = true
            case "--verbose" where argument == name && !verbose, "-v" where argument == name && !verbose: verbose = true
            default:
                guard !argument.hasPrefix("-"), !argument.isEmpty else { return nil }
                targets.append(argument)
            }
            index += 1
        }
        guard !targets.isEmpty else { return nil }
        // Every stored option is assigned: ArgumentParser's property wrappers trap when read unassigned.
        var command = RateCommand()
        command.targets = targets
        command.targetsFile = nil
        command.format = format ?? .text
        command.revision = revision
        command.offline = offline
        command.saveEvidence = nil
        command.evidence = nil
        command.noHash = noHash
        command.color = color ?? .auto
        command.verbose = verbose
        return command
    }
}
