/// The common shapes of `trustmark rate` (`PlainArguments`): targets, `--format`/`-f`, `--revision`, `--color`,
/// `--no-hash`, `--offline`, `--verbose`/`-v`. `--evidence`, `--targets-file`, `--save-evidence` and everything else go
/// through ArgumentParser. A test checks that every shape read here gives the command ArgumentParser gives.
extension RateCommand {
    static func plain(_ arguments: [String]) -> RateCommand? {
        guard
            let read = PlainArguments.read(
                arguments, options: ["--format": "--format", "-f": "--format", "--revision": "--revision", "--color": "--color"],
                flags: ["--no-hash": "--no-hash", "--offline": "--offline", "--verbose": "--verbose", "-v": "--verbose"]),
            !read.positionals.contains(""), read.values["--revision"] != ""
        else { return nil }
        let format = read.values["--format"].map(Format.init(rawValue:))
        let color = read.values["--color"].map(ColorMode.init(rawValue:))
        guard format != .some(nil), color != .some(nil) else { return nil }
        // Every stored option is assigned: ArgumentParser's property wrappers trap when read unassigned.
        var command = RateCommand()
        command.targets = read.positionals
        command.targetsFile = nil
        command.format = (format ?? nil) ?? .text
        command.revision = read.values["--revision"]
        command.offline = read.flags.contains("--offline")
        command.saveEvidence = nil
        command.evidence = nil
        command.noHash = read.flags.contains("--no-hash")
        command.color = (color ?? nil) ?? .auto
        command.verbose = read.flags.contains("--verbose")
        return command
    }
}
