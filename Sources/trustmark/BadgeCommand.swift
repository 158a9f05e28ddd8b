import ArgumentParser
import Foundation
import Reports

/// `trustmark badge <target>`: an SVG badge for a model card or README.
struct BadgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "badge", _superCommandName: "trustmark", abstract: "Write an SVG badge: grade, score, methodology and short commit.")

    @OptionGroup var model: TargetOptions

    @Option(name: .shortAndLong, help: "Write the SVG here instead of standard output.")
    var output: String?

    func run() throws {
        let svg = RatingBadge.svg(try model.rate())
        if let output { try svg.write(toFile: output, atomically: true, encoding: .utf8) } else { print(svg, terminator: "") }
    }
}
